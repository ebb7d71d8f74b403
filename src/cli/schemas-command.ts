import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultSchemasOut, editorSchemas, readAttributes } from '../rules/editor-schemas';
import { displayPath } from '../rules/read-rule-files';
import { formatProblem } from '../rules/rule-problems';

const help = `rulebook schemas [dir] [--out DIR] [--check]

Writes JSON Schemas that know the facts of dir/attributes.yaml (default ./rules) for editors with
the YAML language server: conditions complete "fact:" with the declared ids (and flag others), offer
the operators that fit each fact and the options of dropdowns; rule tests complete and check their
facts. The rule files point at them in their first line:
  # yaml-language-server: $schema=../../schemas/rules/generated/groups.schema.json
Run it again after changing attributes.yaml (a test fails until the files are up to date).

--out DIR   where to write them (default: schemas/rules/generated beside dir)
--check     write nothing; exit 1 when the files there are missing or out of date (for CI)`;

/** `rulebook schemas [dir] [--out DIR] [--check]`. */
export async function schemasCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, out: { type: 'string' }, check: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const dir = positionals[0] ?? 'rules';
  const out = values.out ?? defaultSchemasOut(dir);
  const read = readAttributes(dir, displayPath(path.join(dir, 'attributes.yaml')));
  if ('problems' in read) {
    for (const problem of read.problems) console.error(formatProblem(problem));
    console.error(`\nrulebook schemas: correct ${displayPath(path.join(dir, 'attributes.yaml'))} first; nothing was written`);
    return 1;
  }
  const files = editorSchemas(read.attributes, out);
  const stale = [...files].filter(([name, text]) => {
    const target = path.join(out, name);
    return !existsSync(target) || readFileSync(target, 'utf8') !== text;
  });
  if (values.check) {
    if (stale.length === 0) {
      console.log(`${displayPath(out)} is up to date with ${displayPath(path.join(dir, 'attributes.yaml'))}`);
      return 0;
    }
    console.error(
      `${stale.map(([name]) => displayPath(path.join(out, name))).join(', ')} ${stale.length === 1 ? 'is' : 'are'} out of date with ` +
        `${displayPath(path.join(dir, 'attributes.yaml'))}: run npx rulebook schemas${positionals[0] ? ` ${dir}` : ''}${values.out ? ` --out ${values.out}` : ''}`,
    );
    return 1;
  }
  mkdirSync(out, { recursive: true });
  for (const [name, text] of stale) writeFileSync(path.join(out, name), text);
  console.log(
    `${stale.length === 0 ? 'Up to date' : `Wrote ${stale.map(([name]) => name).join(', ')}`} in ${displayPath(out)}: ` +
      `${read.attributes.filter((attribute) => !attribute.encrypted).length} facts for conditions, ${read.attributes.length} for rule tests`,
  );
  return 0;
}
