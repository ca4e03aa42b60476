import { Cpu, Memory } from '../../../../lib';

describe('Cpu', () => {
  test.each([
    [Cpu.millis(250), '250m', '0.25'],
    [Cpu.cores(2), '2', '2'],
    [Cpu.parse('1500m'), '1500m', '1.5'],
    [Cpu.parse('0.5'), '500m', '0.5'],
  ])('%o renders as %s (Kubernetes) and %s (Compose)', (cpu, k8s, compose) => {
    expect(cpu._problem('cpu')).toBeUndefined();
    expect(cpu.toKubernetes()).toBe(k8s);
    expect(cpu.toCompose()).toBe(compose);
  });

  test.each(['', 'abc', '-1', '0', '0.0001', '1.5m'])('fails when the quantity is %p', (text) => {
    expect(Cpu.parse(text)._problem('cpu')).toMatch(/is not a valid CPU quantity; allowed:/);
  });
});

describe('Memory', () => {
  test.each([
    [Memory.mebibytes(256), '256Mi', '256m'],
    [Memory.gibibytes(1), '1Gi', '1g'],
    [Memory.parse('1536Mi'), '1536Mi', '1536m'],
    [Memory.parse('500M'), '500000000', '500000000b'],
    // Read by the shared kubernetesBytes: every Kubernetes suffix and the exponent form.
    [Memory.parse('1Pi'), '1024Ti', '1048576g'],
    [Memory.parse('1e9'), '1000000000', '1000000000b'],
  ])('%o renders as %s (Kubernetes) and %s (Compose)', (mem, k8s, compose) => {
    expect(mem._problem('memory')).toBeUndefined();
    expect(mem.toKubernetes()).toBe(k8s);
    expect(mem.toCompose()).toBe(compose);
  });

  test.each(['', '12XB', '1Ki', '-5Mi', 'Mi'])('fails when the quantity is %p', (text) => {
    expect(Memory.parse(text)._problem('memory')).toMatch(/is not a valid memory quantity/);
  });
});
