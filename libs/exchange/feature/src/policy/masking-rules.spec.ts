import { dataGrade, ResponseMasker } from './masking-policy.js';
import { DEFAULT_MASK_RULES, maskText, maskValue } from './masking-rules.js';

const rule = (name: string) => DEFAULT_MASK_RULES[name]!;
const mask = (name: string, value: string) => maskText(value, rule(name));

describe('masking rules (脱敏)', () => {
  describe('公民身份号码', () => {
    it('keeps the region (6) and the last four, including a check character X', () => {
      expect(mask('id-card-keep-6-4', '11010519491231002X')).toBe('110105********002X');
      expect(mask('id-card-keep-6-4', '360102199003071234')).toBe('360102********1234');
      // The old 15-digit numbers keep the same ends.
      expect(mask('id-card-keep-6-4', '110105491231002')).toBe('110105*****1002');
      expect(mask('id-card-keep-1-1', '11010519491231002X')).toBe('1****************X');
    });

    it('stars a value too short to keep both ends rather than showing it', () => {
      expect(mask('id-card-keep-6-4', '1101051949')).toBe('**********');
      expect(mask('id-card-keep-6-4', '12345')).toBe('*****');
      expect(mask('id-card-keep-6-4', '11010519491')).toBe('110105*9491');
    });
  });

  it('masks mobile numbers 3/4 (or only the last four for core data)', () => {
    expect(mask('mobile-keep-3-4', '13812341234')).toBe('138****1234');
    expect(mask('mobile-keep-0-4', '13812341234')).toBe('*******1234');
    expect(mask('mobile-keep-3-4', '1381234')).toBe('*******');
  });

  describe('姓名', () => {
    it('keeps the surname, two characters for a compound one', () => {
      expect(mask('name-keep-surname', '张三')).toBe('张*');
      expect(mask('name-keep-surname', '张三丰')).toBe('张**');
      expect(mask('name-keep-surname', '欧阳修')).toBe('欧阳*');
      expect(mask('name-keep-surname', '欧阳娜娜')).toBe('欧阳**');
      expect(mask('name-keep-surname', '诸葛亮')).toBe('诸葛*');
      expect(mask('name-keep-surname', ' 李四 ')).toBe('李*');
    });

    it('never shows a whole name: one character, or a compound surname alone', () => {
      expect(mask('name-keep-surname', '张')).toBe('*');
      expect(mask('name-keep-surname', '欧阳')).toBe('欧*');
      expect(mask('name-hide', '张三')).toBe('**');
    });

    it('keeps the dots of transliterated names and counts rare characters as one', () => {
      expect(mask('name-keep-surname', '买买提·艾力')).toBe('买**·**');
      expect(mask('name-keep-surname', '𠀋一')).toBe('𠀋*');
      expect(mask('name-keep-surname', '王𠀋')).toBe('王*');
    });
  });

  describe('地址', () => {
    it('keeps the address down to the district', () => {
      expect(mask('address-keep-district', '江西省南昌市东湖区八一大道1号')).toBe('江西省南昌市东湖区****');
      expect(mask('address-keep-district', '北京市朝阳区建国路88号')).toBe('北京市朝阳区****');
      expect(mask('address-keep-district', '内蒙古自治区呼和浩特市新城区新华大街')).toBe(
        '内蒙古自治区呼和浩特市新城区****',
      );
      expect(mask('address-keep-district', '江西省南昌县莲塘镇市场路')).toBe('江西省南昌县****');
      expect(mask('address-keep-district', '江西省赣州市瑞金市象湖镇')).toBe('江西省赣州市瑞金市****');
      expect(mask('address-keep-district', '延边朝鲜族自治州延吉市')).toBe('延边朝鲜族自治州延吉市');
    });

    it('keeps what levels it finds, or stars an address without any', () => {
      expect(mask('address-keep-district', '广东省东莞市南城街道')).toBe('广东省东莞市****');
      expect(mask('address-keep-city', '江西省南昌市东湖区八一大道1号')).toBe('江西省南昌市****');
      expect(mask('address-keep-district', '八一大道1号')).toBe('****');
    });
  });

  it('masks bank cards 4/4 whatever their length', () => {
    expect(mask('bank-card-keep-4-4', '6222021234567890123')).toBe('6222***********0123');
    expect(mask('bank-card-keep-4-4', '6222021234567890')).toBe('6222********7890');
    expect(mask('bank-card-keep-0-4', '6222021234567890')).toBe('************7890');
  });

  it('masks the mailbox of an e-mail address and keeps the domain', () => {
    expect(mask('email-keep-1', 'zhangsan@example.cn')).toBe('z***@example.cn');
    expect(mask('email-keep-1', 'z@example.cn')).toBe('***@example.cn');
    expect(mask('email-hide-mailbox', 'zhangsan@example.cn')).toBe('***@example.cn');
    expect(mask('email-keep-1', 'not-an-address')).toBe('****');
    expect(mask('email-keep-1', '@example.cn')).toBe('****');
  });

  it('masks the subject identifier of a unified social credit code', () => {
    expect(mask('uscc-keep-8', '91310110666007217T')).toBe('91310110**********');
    expect(mask('uscc-keep-2', '91310110666007217T')).toBe('91****************');
  });

  it('masks numbers as text, lists and objects element-wise, and leaves null, booleans and empty text', () => {
    const phone = rule('mobile-keep-3-4');
    expect(maskValue(13812341234, phone)).toBe('138****1234');
    expect(maskValue(['13812341234', null, '13900001111'], phone)).toEqual(['138****1234', null, '139****1111']);
    expect(maskValue({ home: '13812341234', work: 13900001111 }, phone)).toEqual({
      home: '138****1234',
      work: '139****1111',
    });
    expect(maskValue(null, phone)).toBeNull();
    expect(maskValue(undefined, phone)).toBeUndefined();
    expect(maskValue(true, phone)).toBe(true);
    expect(maskValue('', phone)).toBe('');
    expect(maskValue(Number.NaN, phone)).toBeNaN();
    expect(maskValue('张三', rule('redact'))).toBe('****');
  });
});

describe('what a field holds, by its name', () => {
  it('knows 公民身份号码 by its official name (GB 11643) and its pinyin column name', () => {
    const masker = new ResponseMasker(dataGrade('important'), [{ item: '公民身份号码', field: 'gmsfhm' }]);
    expect(masker.categoryOf('gmsfhm')).toBe('id-card');
    expect(new ResponseMasker(dataGrade('important')).categoryOf('gmsfhm')).toBe('id-card');
    expect(new ResponseMasker(dataGrade('important')).categoryOf('身份证号')).toBe('id-card');
  });
});
