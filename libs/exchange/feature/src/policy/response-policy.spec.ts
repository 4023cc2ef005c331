import {
  DEFAULT_MASKING_POLICY,
  ResponseMasker,
  dataGrade,
  maskingPolicySchema,
  type DataGrade,
} from './masking-policy.js';
import { PermittedItems, filterPermittedItems } from './permitted-items.js';
import { applyResponsePolicy } from './response-policy.js';
import type { ResponseItem } from './response-items.js';

const PERSON = {
  xm: '张三',
  sfzh: '36010219900307123X',
  sjh: '13812341234',
  zz: '江西省南昌市东湖区八一大道1号',
  csrq: '1990-03-07',
};
const ITEMS: ResponseItem[] = [
  { item: '姓名', field: 'xm', dataType: 'C' },
  { item: '公民身份号码', field: 'sfzh', dataType: 'C' },
  { item: '手机号码', field: 'sjh', dataType: 'C' },
  { item: '住址', field: 'zz', dataType: 'C' },
  { item: '出生日期', field: 'csrq', dataType: 'D' },
];

describe('permitted items filter', () => {
  const permitted = new PermittedItems(['姓名', '出生日期'], ITEMS);

  it('removes unpermitted fields of one record, matching fields to items through the mapping', () => {
    const result = filterPermittedItems(PERSON, permitted);
    expect(result.body).toEqual({ xm: '张三', csrq: '1990-03-07' });
    expect(result.removed).toEqual(['sfzh', 'sjh', 'zz']);
    expect(result.recordsAt).toBe('');
  });

  it('filters every record of a list, reporting each removed field once', () => {
    const result = filterPermittedItems([PERSON, { ...PERSON, xm: '李四', extra: 1 }], permitted);
    expect(result.body).toEqual([
      { xm: '张三', csrq: '1990-03-07' },
      { xm: '李四', csrq: '1990-03-07' },
    ]);
    expect(result.removed).toEqual(['extra', 'sfzh', 'sjh', 'zz']);
  });

  it('finds records in a usual envelope and keeps its metadata', () => {
    for (const key of ['data', 'items', 'records', 'list', 'rows']) {
      const result = filterPermittedItems({ code: 200, msg: 'ok', total: 1, [key]: [PERSON] }, permitted);
      expect(result.body).toEqual({ code: 200, msg: 'ok', total: 1, [key]: [{ xm: '张三', csrq: '1990-03-07' }] });
      expect(result.recordsAt).toBe(key);
    }
    const nested = filterPermittedItems({ code: '0', data: { total: 2, list: [PERSON, PERSON] } }, permitted);
    expect(nested.recordsAt).toBe('data.list');
    expect(nested.body).toEqual({
      code: '0',
      data: {
        total: 2,
        list: [
          { xm: '张三', csrq: '1990-03-07' },
          { xm: '张三', csrq: '1990-03-07' },
        ],
      },
    });
    // A single record inside the envelope.
    expect(filterPermittedItems({ success: true, result: PERSON }, permitted).body).toEqual({
      success: true,
      result: { xm: '张三', csrq: '1990-03-07' },
    });
  });

  it('treats an object as a record, not an envelope, when it is not plainly one (fails closed)', () => {
    // `secret` is no usual envelope metadata: the whole object is a record and `secret` goes.
    const result = filterPermittedItems({ secret: 'x', data: [PERSON] }, permitted);
    expect(result.body).toEqual({});
    expect(result.removed).toEqual(['data', 'secret']);
    // A record that happens to have a `data` field is still a record.
    expect(filterPermittedItems({ xm: '张三', data: [1] }, permitted).body).toEqual({ xm: '张三' });
  });

  it('follows a declared place of the records, and drops nested envelope members beside them', () => {
    const body = { head: { code: 0 }, body: { page: 1, rows: [PERSON], debug: { sql: 'select …' } } };
    const result = filterPermittedItems(body, permitted, 'body.rows');
    expect(result.body).toEqual({ body: { page: 1, rows: [{ xm: '张三', csrq: '1990-03-07' }] } });
    expect(result.envelopeRemoved).toEqual(['body.debug', 'head']);
    // A body without the declared envelope is filtered as records, never passed through.
    expect(filterPermittedItems([PERSON], permitted, 'body.rows').body).toEqual([{ xm: '张三', csrq: '1990-03-07' }]);
    // An object without the declared envelope is a record: its fields outside the grant go, scalars too.
    const flat = filterPermittedItems(PERSON, permitted, 'body.rows');
    expect(flat.body).toEqual({ xm: '张三', csrq: '1990-03-07' });
    expect(flat.removed).toEqual(['sfzh', 'sjh', 'zz']);
    const inner = filterPermittedItems({ code: 0, body: { page: 1, ...PERSON } }, permitted, 'body.rows');
    expect(inner.body).toEqual({ code: 0, body: { xm: '张三', csrq: '1990-03-07' } });
    expect(filterPermittedItems({ code: 500, msg: 'upstream error' }, permitted, 'body.rows').body).toEqual({});
  });

  it('masks and filters a record that comes without the declared envelope (nothing outside the grant leaks)', () => {
    const masker = new ResponseMasker('general-3', ITEMS);
    const wide = new PermittedItems(['姓名', '公民身份号码'], ITEMS);
    const result = applyResponsePolicy({ ...PERSON, bz: '内部备注' }, wide, masker, 'data.list');
    expect(Object.keys(result.body as object).sort()).toEqual(['sfzh', 'xm']);
    expect((result.body as { sfzh: string }).sfzh).toMatch(/^360102\*+/);
    expect(result.removed).toEqual(['bz', 'csrq', 'sjh', 'zz']);
  });

  it('matches unmapped fields by the item name, and lets a mapping win over a coincidental name', () => {
    const items: ResponseItem[] = [{ item: '证件号码', field: '姓名' }];
    const filter = new PermittedItems(['姓名', '性别'], items);
    expect(filterPermittedItems({ 姓名: '36010219900307123X', 性别: '男', 民族: '汉' }, filter).body).toEqual({
      性别: '男',
    });
  });

  it('keeps permitted fields of nested records and whole permitted objects', () => {
    const items: ResponseItem[] = [
      { item: '联系人电话', field: 'contacts.phone' },
      { item: '联系人关系', field: 'contacts.relation' },
    ];
    const filter = new PermittedItems(['联系人电话', '户籍'], items);
    const record = {
      contacts: [
        { phone: '13812341234', relation: '父亲', name: '张大' },
        { phone: null, relation: '母亲' },
      ],
      户籍: { 省: '江西', 市: '南昌' },
      other: { a: 1 },
    };
    const result = filterPermittedItems(record, filter);
    expect(result.body).toEqual({
      contacts: [{ phone: '13812341234' }, { phone: null }],
      户籍: { 省: '江西', 市: '南昌' },
    });
    expect(result.removed).toEqual(['contacts.name', 'contacts.relation', 'other']);
  });

  it('passes nulls and empty lists through and drops values that are not records', () => {
    expect(filterPermittedItems({ code: 0, data: null }, permitted, 'data').body).toEqual({ code: 0, data: null });
    expect(filterPermittedItems({ code: 0, data: [] }, permitted).body).toEqual({ code: 0, data: [] });
    const scalars = filterPermittedItems([PERSON, 'stray', 7], permitted);
    expect(scalars.body).toEqual([{ xm: '张三', csrq: '1990-03-07' }]);
    expect(scalars.removed).toContain('(value)');
    // Nothing permitted: nothing leaves.
    expect(filterPermittedItems([PERSON], new PermittedItems([], ITEMS)).body).toEqual([{}]);
  });
});

describe('masking by grade', () => {
  const everything = new PermittedItems(
    ITEMS.map((i) => i.item),
    ITEMS,
  );
  const police = (grade: DataGrade, body: unknown = PERSON, items = ITEMS) =>
    applyResponsePolicy(body, everything, new ResponseMasker(grade, items));

  it('masks nothing in 一般 L1 data and more with every level', () => {
    expect(police('general-1').body).toEqual(PERSON);
    expect(police('general-2').body).toEqual({ ...PERSON, sfzh: '360102********123X' });
    expect(police('general-3').body).toEqual({ ...PERSON, sfzh: '360102********123X', sjh: '138****1234' });
    expect(police('general-4').body).toEqual({
      xm: '张*',
      sfzh: '360102********123X',
      sjh: '138****1234',
      zz: '江西省南昌市东湖区****',
      csrq: '1990-03-07',
    });
  });

  it('masks every category of 重要 data, and 核心 data with stricter rules', () => {
    expect(police('important').body).toEqual(police('general-4').body);
    expect(police('core').body).toEqual({
      xm: '**',
      sfzh: '3****************X',
      sjh: '*******1234',
      zz: '江西省南昌市****',
      csrq: '1990-03-07',
    });
    expect(police('core').masked).toEqual([
      { field: 'sfzh', category: 'id-card', rule: 'id-card-keep-1-1' },
      { field: 'sjh', category: 'mobile', rule: 'mobile-keep-0-4' },
      { field: 'xm', category: 'name', rule: 'name-hide' },
      { field: 'zz', category: 'address', rule: 'address-keep-city' },
    ]);
  });

  it('tells a field by its item name, its own name, its data element or a declaration', () => {
    const masker = new ResponseMasker('important', [
      { item: '法定代表人身份证号', field: 'f1' },
      { item: '联系人电话', field: 'f2' },
      { item: '自定义', field: 'f3', dataElement: 'DE0001' },
      { item: '经办人', field: 'f4', maskAs: 'name' },
      { item: '手机型号', field: 'f5', maskAs: 'none' },
      { item: '身份证号码有效期', field: 'f6', dataType: 'D' },
    ]);
    expect(masker.categoryOf('f1')).toBe('id-card');
    expect(masker.categoryOf('f2')).toBe('mobile');
    expect(masker.categoryOf('f3')).toBeUndefined();
    expect(masker.categoryOf('f4')).toBe('name');
    expect(masker.categoryOf('f5')).toBeUndefined();
    expect(masker.categoryOf('f6')).toBeUndefined();
    // Undeclared fields by their own names.
    expect(masker.categoryOf('idCard')).toBe('id-card');
    expect(masker.categoryOf('mobilePhone')).toBe('mobile');
    expect(masker.categoryOf('email')).toBe('email');
    expect(masker.categoryOf('bankCardNo')).toBe('bank-card');
    expect(masker.categoryOf('tyshxydm')).toBe('uscc');
    expect(masker.categoryOf('contact.address')).toBe('address');
    expect(masker.categoryOf('企业名称')).toBeUndefined();

    const withElement = new ResponseMasker('important', [{ item: '自定义', field: 'f3', dataElement: 'DE0001' }], {
      ...DEFAULT_MASKING_POLICY,
      detection: { ...DEFAULT_MASKING_POLICY.detection, dataElements: { DE0001: 'bank-card' } },
    });
    expect(withElement.categoryOf('f3')).toBe('bank-card');
  });

  it('masks after filtering, inside envelopes and nested objects, and leaves nulls and non-strings sensible', () => {
    const body = {
      code: 0,
      data: [
        { xm: '欧阳娜娜', sfzh: null, sjh: 13812341234, contact: { email: 'ouyang@example.cn', ok: true } },
        { xm: '', sfzh: '11010519491231002X', sjh: ['13900001111'], secret: 'x' },
      ],
    };
    const permitted = new PermittedItems(['姓名', '公民身份号码', '手机号码', 'contact'], ITEMS);
    const result = applyResponsePolicy(body, permitted, new ResponseMasker('important', ITEMS), 'data');
    expect(result.body).toEqual({
      code: 0,
      data: [
        { xm: '欧阳**', sfzh: null, sjh: '138****1234', contact: { email: 'o***@example.cn', ok: true } },
        { xm: '', sfzh: '110105********002X', sjh: ['139****1111'] },
      ],
    });
    expect(result.removed).toEqual(['secret']);
    expect(result.masked.map((m) => m.field)).toEqual(['contact.email', 'sfzh', 'sjh', 'xm']);
  });

  it('takes the catalog grade as category and level', () => {
    expect(dataGrade('core')).toBe('core');
    expect(dataGrade('general', 3)).toBe('general-3');
    expect(() => dataGrade('general')).toThrow(RangeError);
    expect(() => dataGrade('general', 5)).toThrow(RangeError);
  });

  it('accepts the default policy and names what is wrong in a bad one', () => {
    expect(maskingPolicySchema.safeParse(DEFAULT_MASKING_POLICY).success).toBe(true);
    const bad = maskingPolicySchema.safeParse({
      ...DEFAULT_MASKING_POLICY,
      grades: { ...DEFAULT_MASKING_POLICY.grades, core: { 'id-card': 'no-such-rule' } },
      detection: { ...DEFAULT_MASKING_POLICY.detection, names: [{ pattern: '(', category: 'name' }] },
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual([
      'grades.core.id-card',
      'detection.names.0.pattern',
    ]);
  });
});
