// Checks the models as Camunda's own tools read them, for every engine version the project runs on:
// - every BPMN file in processes/ with bpmnlint (recommended rules + Camunda's compatibility rules for
//   8.6, the broker distribution, and 8.8, the embedded engine), parsed with zeebe-bpmn-moddle as the
//   Modeler parses it;
// - every form in forms/ imported into the real form-js viewer in Chromium (errors and warnings fail).
// Exit code 0 only when everything passes. Usage: node tools/check-models.mjs
import { createRequire } from 'node:module';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const BpmnModdle = require('bpmn-moddle');
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');
const Linter = require('bpmnlint/lib/linter');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The project's own rule settings (processes/.bpmnlintrc), with the compatibility rules of each version.
const projectConfig = JSON.parse(await readFile(path.join(root, 'processes/.bpmnlintrc'), 'utf8'));
const engineVersions = ['8-6', '8-8'];
let failures = 0;

async function lintProcesses() {
  const dir = path.join(root, 'processes');
  const files = (await readdir(dir)).filter(f => f.endsWith('.bpmn')).sort();
  for (const file of files) {
    const { rootElement, warnings } = await new BpmnModdle({ zeebe }).fromXML(await readFile(path.join(dir, file), 'utf8'));
    for (const w of warnings) {
      console.log(`${file}: parse warning: ${w.message}`);
      failures++;
    }
    for (const version of engineVersions) {
      const linter = new Linter({
        config: {
          extends: [...projectConfig.extends, `plugin:camunda-compat/camunda-cloud-${version}`],
          rules: projectConfig.rules,
        },
        resolver: new NodeResolver(),
      });
      const reports = await linter.lint(rootElement);
      let problems = 0;
      for (const [rule, entries] of Object.entries(reports)) {
        for (const entry of entries) {
          const level = entry.category === 'warn' ? 'warning' : 'error';
          console.log(`${file} [${version.replace('-', '.')}] ${level} ${entry.id || ''}: ${entry.message} (${rule})`);
          problems++;
        }
      }
      failures += problems;
      console.log(`${file}: Camunda ${version.replace('-', '.')} ${problems === 0 ? 'ok' : problems + ' problem(s)'}`);
    }
  }
  return files.length;
}

async function importForms() {
  const dir = path.join(root, 'forms');
  const files = (await readdir(dir)).filter(f => f.endsWith('.form')).sort();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<div id="form"></div>');
    await page.addScriptTag({ path: path.join(root, 'app/node_modules/@bpmn-io/form-js/dist/form-viewer.umd.js') });
    for (const file of files) {
      const schema = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
      const result = await page.evaluate(async (schema) => {
        const form = new FormViewer.Form({ container: document.getElementById('form') });
        try {
          const { warnings } = await form.importSchema(schema, {});
          return { warnings: warnings.map(w => String(w.message || w)) };
        } catch (error) {
          return { error: String(error.message || error) };
        } finally {
          form.destroy();
        }
      }, schema);
      const problems = result.error ? [result.error] : result.warnings;
      problems.forEach(p => console.log(`${file}: ${p}`));
      failures += problems.length;
      console.log(`${file}: form-js ${problems.length === 0 ? 'ok' : 'FAILED'}`);
    }
  } finally {
    await browser.close();
  }
  return files.length;
}

const processes = await lintProcesses();
const forms = await importForms();
console.log(`${processes} BPMN files linted for Camunda ${engineVersions.join(', ').replaceAll('-', '.')}; ${forms} forms imported; ${failures} problem(s)`);
process.exit(failures === 0 ? 0 : 1);
