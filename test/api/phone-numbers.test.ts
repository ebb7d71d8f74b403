/**
 * Phone numbers over HTTP (issue 12, point 6): written as people write them, stored and returned in
 * E.164, one customer per number whatever its spelling — in the API, in imports and in searches — and
 * refused with what is wrong and how to write it when they are no number.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseStoredPhoneNumbers } from '../../src/store/stored-phone-numbers';
import { aCustomer } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem({ rules: {}, env: { RULEBOOK_WATCH_RULES: 'false' } });
const settingsFile = () => path.join(rulebook.rulesDir, 'settings.yaml');

/** Puts `line` (or nothing) as the defaultPhoneRegion line of the system's settings and reloads the rules. */
async function useRegion(line: string | undefined) {
  const settings = readFileSync(settingsFile(), 'utf8').replace(/^ {2}defaultPhoneRegion: .*\n?/m, '');
  writeFileSync(settingsFile(), line === undefined ? settings : `${settings.trimEnd()}\n  ${line}\n`);
  expect((await rulebook.post('/v1/rules/reload', {})).status).toBe(200);
}

const ids = async (query: string) => {
  const res = await rulebook.api(`/v1/customers?${query}`);
  expect(res.status).toBe(200);
  return (await body(res)).customers.map((customer: { id: string }) => customer.id);
};

/** Uploads a CSV import to `path` and waits for the job; returns it with its error file's lines (without the header). */
async function imported(target: string, csv: string) {
  const job = await rulebook.finishedJob((await rulebook.upload(target, csv, 'text/csv')).headers.get('location')!);
  const errors = job.errorRows > 0 ? (await (await rulebook.api(`/v1/imports/${job.id}/errors`)).text()).trim().split('\n').slice(1) : [];
  return { job, errors };
}

describe('a customer phone number', () => {
  it('is taken as the source page writes it, "+91 9876543210", and stored and returned in E.164', async () => {
    const res = await rulebook.post('/v1/customers', { id: 'C-src', phone: '+91 9876543210' });
    expect(res.status).toBe(201);
    expect((await body(res)).phone).toBe('+919876543210');
    expect((await body(await rulebook.api('/v1/customers/C-src'))).phone).toBe('+919876543210');
    const stored = await rulebook.system.db.query<{ phone: string }>('SELECT phone FROM customers WHERE id = $1', ['C-src']);
    expect(stored).toEqual([{ phone: '+919876543210' }]);
  });

  it('is the same customer in every spelling: the repeated creation is idempotent, another id is a clash', async () => {
    const again = await rulebook.post('/v1/customers', { id: 'C-src', phone: '+919876543210' });
    expect(again.status).toBe(200);
    for (const spelling of ['+91 98765 43210', '+919876543210', '+91-98765-43210', '98765 43210', '098765 43210']) {
      const clash = await rulebook.post('/v1/customers', { id: 'C-src-copy', phone: spelling });
      expect(clash.status, spelling).toBe(409);
      expect(await body(clash)).toMatchObject({ field: 'phone', existingCustomerId: 'C-src' });
    }
    expect((await rulebook.api('/v1/customers/C-src-copy')).status).toBe(404);
  });

  it('is found by a search in any spelling of the number', async () => {
    for (const spelling of ['+91 98765 43210', '+919876543210', '98765-43210', '0 98765 43210', '+91 (98765) 43210']) {
      expect(await ids(`phone=${encodeURIComponent(spelling)}`), spelling).toEqual(['C-src']);
    }
    // A "+" left unencoded arrives as a space: it is read as the "+" it was.
    expect(await ids('phone=+919876543210')).toEqual(['C-src']);
  });

  it('finds a foreign number sent with an unencoded "+", not the customer whose number in the default region has the same digits', async () => {
    expect((await rulebook.post('/v1/customers', aCustomer({ id: 'C-sg', phone: '+6591234567' }))).status).toBe(201);
    expect((await rulebook.post('/v1/customers', aCustomer({ id: 'C-in-65', phone: '+916591234567' }))).status).toBe(201);
    expect(await ids('phone=+6591234567')).toEqual(['C-sg']);
    expect(await ids('phone=%2B6591234567')).toEqual(['C-sg']);
    expect(await ids('phone=6591234567')).toEqual(['C-in-65']);
  });

  it('without country code is read in the default region of the settings', async () => {
    const res = await rulebook.post('/v1/customers', { id: 'C-national', phone: '98111 22233' });
    expect(res.status).toBe(201);
    expect((await body(res)).phone).toBe('+919811122233');
  });

  it('that is no valid number is refused with 422 naming /phone, what is wrong and how to write it', async () => {
    const res = await rulebook.post('/v1/customers', { id: 'C-short', email: 'short@example.com', phone: '+91 98765' });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await body(res);
    const message = expect.stringMatching(
      /^is not a phone number: it is too short for a number of India \(\+91\); give the number with its country code, e\.g\. \+91 \d{5} \d{5}$/,
    );
    expect(problem).toMatchObject({ status: 422, type: '/problems/validation-failed', errors: [{ pointer: '/phone', message }] });
    expect(problem.detail).toBe(`The value of /phone ${problem.errors[0].message}.`);
    expect((await rulebook.api('/v1/customers/C-short')).status).toBe(404);

    for (const phone of ['12ab', '+999 98765 43210', '+91 98765 43210 ext. 7', '+91 98765 4321']) {
      const refused = await rulebook.post('/v1/customers', { id: 'C-bad', phone });
      expect(refused.status, phone).toBe(422);
      expect((await body(refused)).errors, phone).toEqual([
        {
          pointer: '/phone',
          message: expect.stringMatching(
            /^is not a phone number: .+; (check the digits, and )?give the number with its country code, e\.g\. /,
          ),
        },
      ]);
    }
  });

  it('that is no valid number is refused in a search too, naming the query parameter', async () => {
    const res = await rulebook.api('/v1/customers?phone=12ab');
    expect(res.status).toBe(422);
    const problem = await body(res);
    expect(problem.detail).toMatch(
      /^The query parameter "phone" is not a phone number: .+; give the number with its country code, e\.g\. \+91 /,
    );
    expect(problem.errors).toEqual([{ pointer: '/phone', message: expect.stringMatching(/^is not a phone number: /) }]);
  });

  it('without country code is refused when the settings name no default region, and read in the region they name', async () => {
    await useRegion(undefined);
    try {
      const res = await rulebook.post('/v1/customers', { id: 'C-noregion', phone: '98222 33344' });
      expect(res.status).toBe(422);
      expect((await body(res)).errors).toEqual([
        {
          pointer: '/phone',
          message: expect.stringMatching(
            /^is not a phone number: it has no country code, and rules\/settings\.yaml sets no defaultPhoneRegion to read it in; give the number with its country code, e\.g\. \+91 /,
          ),
        },
      ]);
      expect((await rulebook.post('/v1/customers', { id: 'C-noregion', phone: '+91 98222 33344' })).status).toBe(201);

      await useRegion('defaultPhoneRegion: GB');
      const london = await rulebook.post('/v1/customers', { id: 'C-london', phone: '020 7946 0018' });
      expect(london.status).toBe(201);
      expect((await body(london)).phone).toBe('+442079460018');
      expect(await ids(`phone=${encodeURIComponent('+91 98222 33344')}`)).toEqual(['C-noregion']);
    } finally {
      await useRegion('defaultPhoneRegion: IN');
    }
  });
});

describe('a customer import', () => {
  it('reads phones as the API does: stored in E.164, clashing in any spelling, refused with the same sentence', async () => {
    const { job, errors } = await imported(
      '/v1/customers/imports?filename=phones.csv',
      [
        'id,email,phone',
        'C-imp-ph-1,imp.ph.1@example.com,+91 98333 44455',
        'C-imp-ph-2,imp.ph.2@example.com,098333-44455',
        'C-imp-ph-3,imp.ph.3@example.com,98765 43210',
        'C-imp-ph-4,imp.ph.4@example.com,+91 98333',
        'C-imp-ph-5,imp.ph.5@example.com,+91 (98444) 55566',
      ].join('\n'),
    );
    expect(job).toMatchObject({ status: 'partial', okRows: 2, errorRows: 3 });
    expect((await body(await rulebook.api('/v1/customers/C-imp-ph-1'))).phone).toBe('+919833344455');
    expect((await body(await rulebook.api('/v1/customers/C-imp-ph-5'))).phone).toBe('+919844455566');
    expect(errors).toEqual([
      'C-imp-ph-2,imp.ph.2@example.com,098333-44455,An account already exists with this phone number: +919833344455',
      'C-imp-ph-3,imp.ph.3@example.com,98765 43210,An account already exists with this phone number: +919876543210',
      expect.stringMatching(
        /^C-imp-ph-4,imp\.ph\.4@example\.com,'\+91 98333,"""\+91 98333"" is not a phone number: it is too short for a number of India \(\+91\); give the number with its country code, e\.g\. \+91 \d{5} \d{5}\."$/,
      ),
    ]);
  });
});

describe('a static group import', () => {
  it('finds customers by any spelling of their phone, and says why a phone that is no number finds nobody', async () => {
    const { job, errors } = await imported(
      '/v1/groups/vip-import/imports?mode=replace',
      ['phone', '+91 98765-43210', '09833344455', '+91 98999 00011', '12ab'].join('\n'),
    );
    expect(job).toMatchObject({ okRows: 2, errorRows: 2 });
    expect((await body(await rulebook.api('/v1/groups/vip-import/members'))).customerIds).toEqual(['C-imp-ph-1', 'C-src']);
    expect(errors).toEqual([
      "'+91 98999 00011,No customer has this phone number: +91 98999 00011",
      expect.stringMatching(
        /^12ab,"""12ab"" is not a phone number: .+; give the number with its country code, e\.g\. \+91 \d{5} \d{5}\."$/,
      ),
    ]);
  });
});

describe('phones stored before they were read into E.164', () => {
  const legacy = {
    'C-old-national': { stored: '9876500011', e164: '+919876500011' },
    'C-old-digits': { stored: '919876500012', e164: '+919876500012' },
    'C-old-plus': { stored: '+919876500013', e164: '+919876500013' },
  };

  it('are brought to E.164 at the next start, found in any spelling and kept unique', async () => {
    const db = rulebook.system.db;
    for (const [id, { e164 }] of Object.entries(legacy))
      expect((await rulebook.post('/v1/customers', { id, phone: e164 })).status).toBe(201);
    expect((await rulebook.post('/v1/customers', { id: 'C-old-holder', phone: '+919876500014' })).status).toBe(201);
    expect((await rulebook.post('/v1/customers', { id: 'C-old-twin' })).status).toBe(201);
    expect((await rulebook.post('/v1/customers', { id: 'C-old-garbage' })).status).toBe(201);
    // As the API of the previous version stored them: any "+" and 6–15 digits.
    for (const [id, { stored }] of Object.entries(legacy)) await db.query('UPDATE customers SET phone = $2 WHERE id = $1', [id, stored]);
    await db.query('UPDATE customers SET phone = $2 WHERE id = $1', ['C-old-twin', '919876500014']);
    await db.query('UPDATE customers SET phone = $2 WHERE id = $1', ['C-old-garbage', '123456']);
    expect(await ids(`phone=${encodeURIComponent('+91 98765 00011')}`)).toEqual([]);

    await rulebook.restart();

    for (const [id, { e164 }] of Object.entries(legacy)) {
      expect((await body(await rulebook.api(`/v1/customers/${id}`))).phone, id).toBe(e164);
      expect(await ids(`phone=${encodeURIComponent(`${e164.slice(0, 3)} ${e164.slice(3, 8)} ${e164.slice(8)}`)}`), id).toEqual([id]);
    }
    const clash = await rulebook.post('/v1/customers', { id: 'C-old-copy', phone: '98765 00011' });
    expect(clash.status).toBe(409);
    expect(await body(clash)).toMatchObject({ field: 'phone', existingCustomerId: 'C-old-national' });

    // The twin's number is the holder's: it is left for a person to merge, and the holder is the one found.
    expect((await body(await rulebook.api('/v1/customers/C-old-twin'))).phone).toBe('919876500014');
    expect(await ids(`phone=${encodeURIComponent('+91 98765 00014')}`)).toEqual(['C-old-holder']);
    expect((await body(await rulebook.api('/v1/customers/C-old-garbage'))).phone).toBe('123456');
    expect(await normaliseStoredPhoneNumbers(rulebook.system.db, 'IN')).toEqual({
      normalised: 0,
      clashes: [{ customerId: 'C-old-twin', heldBy: 'C-old-holder' }],
      unreadable: ['C-old-garbage'],
    });
  });
});
