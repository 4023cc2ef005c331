import { ClassificationRule, ClockRule, EntryRule, MountRule, SourceRule, SystemRule } from '@govdata/catalog-feature';
import { OpenApiDocumentRule } from '@govdata/openapi-document';
import { problemCodesOf } from '@govdata/platform-service';
import { sampleEntry, startCatalogNode, type CatalogNode } from './catalog-harness.js';

/**
 * The rule enums whose codes the catalog answers in a 422's `errors[].rule`: each feature folder
 * adds its enum here (entries, systems; clocks, mounts, sources, standards, classification).
 */
const CATALOG_RULE_ENUMS: Record<string, Record<string, string>> = {
  EntryRule,
  SystemRule,
  ClockRule,
  MountRule,
  SourceRule,
  ClassificationRule,
  // The OpenAPI-document check, answered when an API is mounted with its document.
  OpenApiDocumentRule,
};

/**
 * The catalog's OpenAPI document lists, per operation, the rule codes it can answer in a 422, so a
 * client can switch on them; every code of the catalog's rule enums is listed by some operation.
 */
describe('catalog problem codes in OpenAPI', () => {
  let node: CatalogNode;

  beforeAll(async () => {
    node = await startCatalogNode();
  });

  afterAll(async () => {
    await node?.close();
  });

  it('lists each entry write’s rule codes, and every code of the catalog’s rule enums somewhere', async () => {
    const doc = await node.api('GET', '/api/v1/catalog/openapi.json');
    expect(doc.status).toBe(200);
    const problems = problemCodesOf(doc.body);

    expect(problems.get('POST /api/v1/catalog/entries')).toEqual(
      [
        EntryRule.KnownOrganisation,
        EntryRule.KnownClassification,
        EntryRule.WithdrawnClassification,
        EntryRule.RegionCode,
        EntryRule.GradePolicy,
        EntryRule.CodeSpaceExhausted,
        SystemRule.SystemExists,
        SystemRule.SystemOfProvider,
      ].sort(),
    );
    expect(problems.get('POST /api/v1/catalog/entries/{idOrCode}/return')).toEqual(
      [EntryRule.Required, EntryRule.ContentField].sort(),
    );
    expect(problems.get('POST /api/v1/catalog/entries/{idOrCode}/retire')).toEqual([EntryRule.Required]);
    expect(problems.get('PUT /api/v1/catalog/entries/{idOrCode}')).toContain(EntryRule.FixedAfterPublication);
    expect(problems.get('POST /api/v1/catalog/clocks')).toEqual(
      [
        ClockRule.NotAfterToday,
        ClockRule.KnownEntry,
        ClockRule.NotRetired,
        ClockRule.KnownOrganisation,
        ClockRule.CalendarRange,
      ].sort(),
    );
    // Taking an approved entry to published can break no rule: nothing is listed.
    expect(problems.has('POST /api/v1/catalog/entries/{idOrCode}/publish')).toBe(false);
    // The 422 response documents the codes as the enum of errors[].rule.
    const unprocessable = doc.body.paths['/api/v1/catalog/entries'].post.responses['422'];
    expect(
      unprocessable.content['application/problem+json'].schema.properties.errors.items.properties.rule.enum,
    ).toEqual(problems.get('POST /api/v1/catalog/entries'));

    const listed = new Set([...problems.values()].flat());
    for (const [name, codes] of Object.entries(CATALOG_RULE_ENUMS)) {
      for (const [member, code] of Object.entries(codes)) {
        expect(listed.has(code), `${name}.${member} (${code}) is listed by no operation`).toBe(true);
      }
    }
  });

  it('answers a listed code when an entry write breaks a rule', async () => {
    const editor = await node.token(node.orgA, ['catalog-editor'], 'editor-a');
    const refused = await node.api('POST', '/api/v1/catalog/entries', {
      token: editor,
      body: { content: sampleEntry({ classificationCode: '199999' }) },
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ rule: EntryRule.KnownClassification })]);
    const doc = await node.api('GET', '/api/v1/catalog/openapi.json');
    expect(problemCodesOf(doc.body).get('POST /api/v1/catalog/entries')).toContain(refused.body.errors[0].rule);
  });
});
