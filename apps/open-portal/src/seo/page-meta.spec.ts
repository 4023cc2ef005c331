import { describe, expect, it } from 'vitest';
import { setPageMeta } from './page-meta.js';

describe('a page’s title and description', () => {
  it('sets the title and one meta description, whitespace folded and cut at 160 characters', () => {
    setPageMeta('人口基本信息 - 公共数据开放门户', '江西省公安厅：\n  本省户籍人口');
    setPageMeta('人口基本信息 - 公共数据开放门户', `江西省公安厅：${'很长'.repeat(100)}`);
    expect(document.title).toBe('人口基本信息 - 公共数据开放门户');
    const metas = document.head.querySelectorAll('meta[name="description"]');
    expect(metas).toHaveLength(1);
    expect((metas[0] as HTMLMetaElement).content).toHaveLength(160);
    setPageMeta('首页', '江西省公安厅：\n  本省户籍人口');
    expect((metas[0] as HTMLMetaElement).content).toBe('江西省公安厅： 本省户籍人口');
  });
});
