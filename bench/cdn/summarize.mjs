// Summarises http-cache-tests results (one JSON file per cache) the way cache-tests.fyi judges
// them: a required test passes when its result is true and the tests it depends on passed.
// Tests the CLI does not run against a shared cache (browser/private-cache only) are not counted.
// Usage: node summarize.mjs <http-cache-tests dir> <name>=<results.json> ...
import fs from 'fs'
import path from 'path'
import { pathToFileURL } from 'url'

const [suiteDir, ...runs] = process.argv.slice(2)
const load = async (rel) => (await import(pathToFileURL(path.join(suiteDir, rel)).href)).default
const suites = await load('tests/index.mjs')
suites.push(await load('tests/surrogate-control.mjs'))
const { determineTestResult } = await import(pathToFileURL(path.join(suiteDir, 'lib/display.mjs')).href)

const kinds = { '✅': 'pass', '⛔️': 'fail', '⚠️': 'optional_fail', Y: 'yes', N: 'no', '🔹': 'setup_fail', '⁉️': 'harness_fail', '⚪️': 'dependency_fail', '↻': 'retry', '-': 'untested' }
const summary = {}
for (const run of runs) {
  const [name, file] = run.split('=')
  const results = JSON.parse(fs.readFileSync(file, 'utf8'))
  const total = { required: 0, requiredPassed: 0, optimal: 0, optimalPassed: 0, suites: {}, failedRequired: [] }
  for (const suite of suites) {
    const perSuite = { required: 0, requiredPassed: 0 }
    for (const test of suite.tests) {
      const outcome = kinds[determineTestResult(suites, test.id, results)[2]]
      const kind = test.kind || 'required'
      // Tests for browser (private) caches are not run against a shared cache: not counted.
      if (outcome === 'untested') continue
      if (kind === 'required') {
        perSuite.required++
        total.required++
        if (outcome === 'pass') {
          perSuite.requiredPassed++
          total.requiredPassed++
        } else {
          total.failedRequired.push(`${test.id} (${outcome})`)
        }
      } else if (kind === 'optimal') {
        total.optimal++
        if (outcome === 'pass') total.optimalPassed++
      }
    }
    total.suites[suite.name] = perSuite
  }
  summary[name] = total
}

const names = Object.keys(summary)
const lines = []
lines.push(`| suite | ${names.join(' | ')} |`)
lines.push(`| --- | ${names.map(() => '---').join(' | ')} |`)
for (const suite of suites) {
  lines.push(`| ${suite.name} | ${names.map(n => {
    const s = summary[n].suites[suite.name]
    return `${s.requiredPassed}/${s.required}`
  }).join(' | ')} |`)
}
lines.push(`| **required tests passed** | ${names.map(n => `**${summary[n].requiredPassed}/${summary[n].required}**`).join(' | ')} |`)
lines.push(`| optimal (⚠️) tests passed | ${names.map(n => `${summary[n].optimalPassed}/${summary[n].optimal}`).join(' | ')} |`)
console.log(lines.join('\n'))
for (const n of names) {
  console.log(`\nRequired tests not passed by ${n} (${summary[n].failedRequired.length}):\n` +
    summary[n].failedRequired.map(t => `- ${t}`).join('\n'))
}
