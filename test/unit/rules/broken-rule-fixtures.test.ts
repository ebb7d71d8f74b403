/** Every broken rule set of test/fixtures/broken-rules gives exactly the problems it lists, with file:line:column. */
import { describe, expect, it } from 'vitest';
import { brokenRuleFixtures, fixtureProblems } from '../../support/broken-rule-fixtures';

const fixtures = brokenRuleFixtures();

describe('broken rule fixtures', () => {
  it('are there, each listing what it must give', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
    for (const fixture of fixtures) expect(fixture.expected, fixture.name).not.toEqual([]);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s gives exactly its expected problems', (_name, fixture) => {
    const { problems } = fixtureProblems(fixture);
    expect(problems).toEqual(fixture.expected);
    for (const line of problems) expect(line).toMatch(/^\S+\.yaml:\d+:\d+[ :]/);
  });

  it('stand for one mistake each, but for the one with several', () => {
    for (const fixture of fixtures.filter((candidate) => candidate.name !== 'several-mistakes')) {
      expect(fixture.expected, fixture.name).toHaveLength(1);
    }
  });

  it('say when problems that only follow from a file that did not load are left out', () => {
    const notes = (name: string) => fixtureProblems(fixtures.find((fixture) => fixture.name === name)!).notes;
    expect(notes('group-kind-typo')).toEqual([
      '29 more problems in tests/groups.yaml follow only from groups/seed-examples.yaml not loading (they name what that file defines) ' +
        'and are not shown: correct groups/seed-examples.yaml first',
    ]);
    expect(notes('indentation-slip')).toEqual(notes('group-kind-typo'));
    expect(notes('profile-set-typo')[0]).toMatch(
      /^\d+ more problems in dunning\/export\.yaml, .*tests\/dunning\.yaml follow only from profiles\/account-type\.yaml/,
    );
    expect(notes('unknown-operator')).toEqual([]);
  });
});
