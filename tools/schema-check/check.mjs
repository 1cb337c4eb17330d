// Validates YAML files against the JSON Schemas in content/schemas, the way
// an editor's YAML language server does: the schema is chosen by the file's
// `# yaml-language-server: $schema=PATH` first line.
// usage: node check.mjs FILE...   Prints FILE: PATH: MESSAGE per problem.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Ajv from 'ajv'
import { parse } from 'yaml'

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true })
const validators = new Map()
let bad = 0

function validatorFor(schemaPath) {
  if (!validators.has(schemaPath))
    validators.set(schemaPath, ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8'))))
  return validators.get(schemaPath)
}

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8')
  const m = /^# yaml-language-server: \$schema=(\S+)/.exec(text)
  if (!m) {
    console.log(`${file}: no '# yaml-language-server: $schema=' first line`)
    bad++
    continue
  }
  const validate = validatorFor(resolve(dirname(file), m[1]))
  const doc = parse(text)
  if (!validate(doc)) {
    for (const e of validate.errors)
      console.log(`${file}: ${e.instancePath || '/'}: ${e.message}`)
    bad++
  }
}
process.exit(bad ? 1 : 0)
