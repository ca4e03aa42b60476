// Every test must assert something: a test that returns before its first expect() fails
// instead of passing vacuously.
beforeEach(() => {
  expect.hasAssertions();
});
