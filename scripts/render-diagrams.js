#!/usr/bin/env node
/*
 * render-diagrams.js — render Mermaid (.mmd) files to PNG + SVG, offline.
 *
 * Usage:
 *   node scripts/render-diagrams.js [options] <outDir> <file.mmd[=name]> [...]
 *
 *   <outDir>          directory the images are written to (created if missing)
 *   <file.mmd[=name]> input diagram; the output is <outDir>/<name>.png and
 *                     <outDir>/<name>.svg. <name> defaults to the file's
 *                     basename without ".mmd" (so "dev/shop.mmd" -> "shop").
 *
 * Options:
 *   --scale <n>            device scale factor of the PNG (default 2)
 *   --security-level <l>   Mermaid securityLevel: strict|loose|antiscript|sandbox
 *                          (default "strict"; the labels this library writes,
 *                          "<br/><small>…</small>", render fine with it)
 *   --no-html-labels       render labels as plain SVG <text> instead of HTML
 *                          inside <foreignObject> (see the note on SVG below).
 *                          WARNING: this library's labels contain
 *                          "<br/><small>…</small>"; without HTML labels Mermaid
 *                          keeps the line breaks but prints "<small>" and
 *                          "</small>" literally, so leave HTML labels on.
 *   --png-only / --svg-only
 *
 * How it works: Debian's /usr/bin/chromium is started headless through
 * playwright-core (no browser is downloaded), a blank page gets the `mermaid`
 * package's browser bundle (node_modules/mermaid/dist/mermaid.min.js) injected
 * as a local script, `mermaid.render()` turns the diagram text into an SVG,
 * that SVG is written as-is to <name>.svg, then placed in the page on a white
 * background and screenshotted to <name>.png. Every network request from the
 * page is aborted, so nothing is ever fetched from a CDN or the internet.
 *
 * Note on the .svg files: with HTML labels (Mermaid's default for flowcharts)
 * the node labels are HTML inside <foreignObject>. Browsers (and GitHub) show
 * them, but some non-browser SVG tools (rsvg/Inkscape/ImageMagick) drop them.
 * (--no-html-labels avoids that, at the price of literal <small> tags.)
 *
 * Requirements: devDependencies `mermaid` and `playwright-core`, and the
 * Debian `chromium` package (this script never installs it).
 */
/* global window, document -- code run inside the browser page */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Flags known to work for Debian's chromium in a headless container.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function usage(msg) {
  if (msg) console.error(`render-diagrams: ${msg}`);
  console.error(
    'usage: node scripts/render-diagrams.js [--scale n] [--security-level l] ' + '[--no-html-labels] [--png-only|--svg-only] <outDir> <file.mmd[=name]>...',
  );
  process.exit(2);
}

/** Parses argv into options + the output dir + the list of inputs. */
function parseArgs(argv) {
  const opts = { scale: 2, securityLevel: 'strict', htmlLabels: true, png: true, svg: true };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--scale') opts.scale = Number(argv[++i]);
    else if (a === '--security-level') opts.securityLevel = argv[++i];
    else if (a === '--no-html-labels') opts.htmlLabels = false;
    else if (a === '--png-only') opts.svg = false;
    else if (a === '--svg-only') opts.png = false;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else positional.push(a);
  }
  if (!(opts.scale > 0)) usage('--scale must be a positive number');
  if (positional.length < 2) usage('need an output directory and at least one .mmd file');
  const [outDir, ...specs] = positional;
  const inputs = specs.map((spec) => {
    // "path/to/file.mmd=name" lets two files with the same basename coexist.
    const eq = spec.lastIndexOf('=');
    const file = eq > 0 ? spec.slice(0, eq) : spec;
    const name = eq > 0 ? spec.slice(eq + 1) : path.basename(file).replace(/\.mmd$/i, '');
    if (!fs.existsSync(file)) usage(`no such file: ${file}`);
    return { file, name };
  });
  const names = inputs.map((i) => i.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) usage(`two inputs would both write "${dup}"; give one a name with file.mmd=othername`);
  return { opts, outDir, inputs };
}

/** Loads playwright-core and locates the mermaid browser bundle, with clear errors. */
function loadDeps() {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(
      `render-diagrams: ${CHROMIUM} not found. Install Debian's chromium first:\n` +
        '  apt-get update && apt-get install -y chromium\n' +
        '(or point CHROMIUM_PATH at another Chromium binary)',
    );
    process.exit(1);
  }
  let chromium, bundle;
  try {
    ({ chromium } = require('playwright-core'));
    bundle = require.resolve('mermaid/dist/mermaid.min.js');
  } catch (err) {
    console.error(`render-diagrams: ${err.message}\n` + 'Install the devDependencies first: npm install (mermaid and playwright-core)');
    process.exit(1);
  }
  return { chromium, bundle };
}

// A blank white page; the rendered SVG goes into #out.
const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8">
<style>
  html, body { margin: 0; padding: 0; background: #ffffff; }
  #out { display: inline-block; padding: 16px; background: #ffffff; }
</style></head>
<body><div id="out"></div></body></html>`;

async function main() {
  const { opts, outDir, inputs } = parseArgs(process.argv.slice(2));
  const { chromium, bundle } = loadDeps();
  fs.mkdirSync(outDir, { recursive: true });

  const t0 = Date.now();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS, // playwright itself uses a fresh temporary profile dir
  });
  try {
    const context = await browser.newContext({
      deviceScaleFactor: opts.scale,
      viewport: { width: 1600, height: 1200 },
    });
    // Offline guarantee: abort anything the page tries to fetch.
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`render-diagrams: page error: ${e.message}`));
    await page.setContent(PAGE_HTML);
    // Inject the local UMD/IIFE bundle (defines window.mermaid); no CDN.
    await page.addScriptTag({ path: bundle });
    await page.evaluate((o) => {
      window.mermaid.initialize({
        startOnLoad: false,
        theme: 'default',
        securityLevel: o.securityLevel,
        htmlLabels: o.htmlLabels,
        // useMaxWidth: false keeps the SVG at its natural pixel size instead of
        // width="100%", so the screenshot has a predictable size.
        flowchart: { useMaxWidth: false, htmlLabels: o.htmlLabels },
      });
    }, opts);
    // The IIFE bundle does not expose a version; read it from package.json.
    const version = require('mermaid/package.json').version;
    console.log(`mermaid ${version} in ${await browser.version()} (scale ${opts.scale})`);

    for (const [i, { file, name }] of inputs.entries()) {
      const t = Date.now();
      const text = fs.readFileSync(file, 'utf8');
      // Render off-screen to an SVG string, then show it in #out.
      const result = await page.evaluate(
        async ({ id, text }) => {
          try {
            const { svg } = await window.mermaid.render(id, text);
            const out = document.getElementById('out');
            out.innerHTML = svg;
            return { svg };
          } catch (err) {
            return { error: String((err && err.message) || err) };
          }
        },
        { id: `diagram${i}`, text },
      );
      if (result.error) throw new Error(`${file}: mermaid failed: ${result.error}`);

      const written = [];
      if (opts.svg) {
        const svgPath = path.join(outDir, `${name}.svg`);
        fs.writeFileSync(svgPath, result.svg + '\n');
        written.push(svgPath);
      }
      if (opts.png) {
        const pngPath = path.join(outDir, `${name}.png`);
        // Screenshot the padded wrapper so the diagram has a white margin.
        await page.locator('#out').screenshot({ path: pngPath, omitBackground: false });
        written.push(pngPath);
      }
      const sizes = written.map((p) => `${p} (${Math.round(fs.statSync(p).size / 1024)} KB)`);
      console.log(`${file} -> ${sizes.join(', ')} in ${Date.now() - t} ms`);
    }
  } finally {
    await browser.close();
  }
  console.log(`done in ${Date.now() - t0} ms`);
}

main().catch((err) => {
  console.error(`render-diagrams: ${err.stack || err}`);
  process.exit(1);
});
