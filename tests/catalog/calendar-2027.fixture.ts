/**
 * TEST FIXTURE — NOT OFFICIAL DATA. A made-up 2027 holiday notice shaped like the State Council's
 * (元旦 1–3 Jan; 春节 5–13 Feb with Saturday 20 Feb worked; 清明 3–5 Apr; 劳动节 1–5 May with Sunday
 * 9 May worked; 端午 9–11 Jun; 中秋 15 Sep; 国庆 1–7 Oct with Saturday 9 Oct worked). Used only to
 * show a loaded notice replacing the provisional calendar; the real notice will differ.
 */
export const TEST_NOTICE_2027 = {
  notice: '国务院办公厅关于2027年部分节假日安排的通知（测试数据，非官方）',
  holidays: [
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => `2027-02-${d}`),
    '2027-04-03',
    '2027-04-04',
    '2027-04-05',
    ...['01', '02', '03', '04', '05'].map((d) => `2027-05-${d}`),
    '2027-06-09',
    '2027-06-10',
    '2027-06-11',
    '2027-09-15',
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2027-10-${d}`),
  ],
  workdays: ['2027-02-20', '2027-05-09', '2027-10-09'],
};
