import { useMemo, useState } from 'react';
import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { App, Button, Card, Grid, Input, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, regionApi } from '../../api';
import AppPage from '../../components/AppPage';
import { ImportPreviewModal } from '../../components/ImportPreview';
import type { RegionNode } from '../../components/regionTree';
import { regionCodeRule } from '../../components/rules';
import { REGIONS_KEY, useRegions } from '../../components/useRegions';
import { urbanRuralClassName } from '../../../domain/regions';
import { localityApi, type RegionChild } from './localityApi';

/** The import file's own column headers (the template is in Chinese whatever the UI language). */

type Editing = { mode: 'add'; parent: RegionNode | null } | { mode: 'rename'; region: RegionNode };

/**
 * A row of the tree: a region (levels 1–3, all loaded at once), a township or village (levels 4–5,
 * loaded when its parent is opened), or the stand-in row shown under a parent not loaded yet.
 */
interface Row {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  urbanRuralClass?: string | null;
  childCount?: number;
  placeholder?: 'loading' | 'none' | 'failed';
  children?: Row[];
}

/** A county (6 digits, not a city) or a township (9 digits): the nodes whose children load on opening. */
const loadsOnOpen = (code: string) => (code.length === 6 && !code.endsWith('00')) || code.length === 9;

/** Keeps the nodes matching the filter and their ancestors. */
function filterTree(nodes: Row[], text: string): Row[] {
  if (!text) return nodes;
  const out: Row[] = [];
  for (const node of nodes) {
    if (node.placeholder) continue;
    const children = node.children ? filterTree(node.children, text) : [];
    if (node.name.includes(text) || node.code.includes(text) || children.length > 0) {
      out.push({ ...node, children: children.length > 0 ? children : node.children && node.name.includes(text) ? node.children : undefined });
    }
  }
  return out;
}

/** Codes of the nodes with real (loaded) children: opening them costs no request. */
function allCodes(nodes: Row[]): string[] {
  return nodes.flatMap((node) => (node.children?.some((c) => !c.placeholder) ? [node.code, ...allCodes(node.children)] : []));
}

/** 区划管理: the GB/T 2260 region tree with its townships and villages (loaded on opening); add, rename, import from Excel. */
export default function RegionsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  // a chosen file is previewed (changes, problems) and imported only from the preview's 确认导入
  const [importFile, setImportFile] = useState<File | null>(null);

  // Townships and villages are loaded one parent at a time, when it is opened (a county has ~20
  // townships, a township ~15 villages; the whole province ~17,000 villages is never sent).
  const opened = (expanded ?? []).filter(loadsOnOpen);
  const childQueries = useQueries({
    queries: opened.map((code) => ({
      queryKey: [...REGIONS_KEY, 'children', code],
      queryFn: async () => (await localityApi.children(code)).items,
      staleTime: 5 * 60_000,
    })),
  });
  const loadedChildren = new Map(opened.map((code, i) => [code, childQueries[i]]));
  const loadedVersion = childQueries.map((q) => q.dataUpdatedAt + (q.isError ? 1 : 0)).join(',');

  const tree = useMemo(() => {
    const placeholder = (parent: string, kind: NonNullable<Row['placeholder']>): Row =>
      ({ code: `${parent}-${kind}`, name: '', parentCode: parent, level: 0, placeholder: kind });
    const attach = (nodes: Row[]): Row[] => nodes.map((node) => {
      if (!loadsOnOpen(node.code) || node.childCount === 0) return { ...node, children: node.children ? attach(node.children) : undefined };
      const query = loadedChildren.get(node.code);
      let children: Row[];
      if (!query || query.isLoading) children = [placeholder(node.code, 'loading')];
      else if (query.isError) children = [placeholder(node.code, 'failed')];
      else if (!query.data?.length) children = [placeholder(node.code, 'none')];
      else children = attach(query.data.map((c: RegionChild) => ({ ...c })));
      return { ...node, children };
    });
    return attach(regions.tree as Row[]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [regions.tree, loadedVersion, opened.join(',')]);

  const data = useMemo(() => filterTree(tree, filter.trim()), [tree, filter]);
  // Provinces and cities open by default; while filtering, every node whose children are loaded.
  const expandedKeys = filter.trim() ? allCodes(data) : expanded ?? regions.tree.map((node) => node.code);

  const reload = () => queryClient.invalidateQueries({ queryKey: REGIONS_KEY });


  const levelName = (level: number) => (level >= 4 ? t(`localities.level${level}` as 'localities.level4') : t(`regions.level${level}` as 'regions.level1'));
  const LEVEL_COLORS = ['', 'blue', 'cyan', 'default', 'green', 'lime'];
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const narrow = !Grid.useBreakpoint().md;

  // townships and villages change by import only; regions are added and renamed here
  const actions = (region: Row) => (region.placeholder || region.level > 3 ? null : (
    <Space>
      {region.level < 3 && <a onClick={() => setEditing({ mode: 'add', parent: region as RegionNode })}>{t('regions.addChild')}</a>}
      <a onClick={() => setEditing({ mode: 'rename', region: region as RegionNode })}>{t('regions.rename')}</a>
    </Space>
  ));

  const columns: ColumnsType<Row> = [
    {
      title: t('regions.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) => {
        if (row.placeholder === 'loading') return <Typography.Text type="secondary"><Spin size="small" /> {t('localities.loading')}</Typography.Text>;
        if (row.placeholder === 'none') return <Typography.Text type="secondary">{t('localities.none')}</Typography.Text>;
        if (row.placeholder === 'failed') {
          const error = loadedChildren.get(row.parentCode ?? '')?.error;
          return <Typography.Text type="danger">{t('localities.failed', { message: error instanceof Error ? error.message : '' })}</Typography.Text>;
        }
        const classTag = row.urbanRuralClass ? <Tag>{row.urbanRuralClass} {urbanRuralClassName(row.urbanRuralClass, lang)}</Tag> : null;
        return (
          <>
            {name}
            {row.childCount ? <Typography.Text type="secondary"> · {t('localities.childCount', { count: row.childCount })}</Typography.Text> : null}
            {/* a phone shows code, level and class under the name instead of in columns */}
            {narrow && (
              <div>
                <Typography.Text code>{row.code}</Typography.Text> <Tag color={LEVEL_COLORS[row.level]}>{levelName(row.level)}</Tag>{classTag}
                {actions(row)}
              </div>
            )}
          </>
        );
      },
    },
    { title: t('regions.code'), dataIndex: 'code', key: 'code', width: 150, responsive: ['md'], render: (code: string, row) => (row.placeholder ? null : <Typography.Text code>{code}</Typography.Text>) },
    {
      title: t('regions.level'),
      dataIndex: 'level',
      key: 'level',
      width: 100,
      responsive: ['md'],
      render: (level: number, row) => (row.placeholder ? null : <Tag color={LEVEL_COLORS[level]}>{levelName(level)}</Tag>),
    },
    {
      title: t('localities.urbanRuralClass'),
      dataIndex: 'urbanRuralClass',
      key: 'urbanRuralClass',
      width: 150,
      responsive: ['md'],
      render: (value: string | null | undefined) => (value ? <Tag>{value} {urbanRuralClassName(value, lang)}</Tag> : null),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      responsive: ['md'],
      render: (_, region) => actions(region),
    },
  ];

  return (
    <AppPage>
      <Card>
        <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Input.Search allowClear placeholder={t('regions.search')} style={{ width: 260 }} onSearch={setFilter} onChange={(e) => !e.target.value && setFilter('')} />
            <Button onClick={() => setExpanded(allCodes(regions.tree))}>{t('regions.expandAll')}</Button>
            <Button onClick={() => setExpanded([])}>{t('regions.collapseAll')}</Button>
            <Typography.Text type="secondary">{t('regions.count', { count: regions.regions.length })}</Typography.Text>
          </Space>
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'add', parent: null })}>
              {t('regions.addRoot')}
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                setImportFile(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('regions.import')}</Button>
            </Upload>
            <ImportPreviewModal file={importFile} send={regionApi.import} title={t('regions.import')} onClose={() => setImportFile(null)} onDone={() => void reload()} />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => regionApi.template().catch((error) => message.error(isApiError(error) ? error.message : String(error)))}
            >
              {t('regions.template')}
            </Button>
          </Space>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('localities.importHelp')} {t('localities.lazyHelp')}
        </Typography.Paragraph>


        <Table<Row>
          rowKey="code"
          size="middle"
          loading={regions.isLoading}
          columns={columns}
          dataSource={data}
          pagination={false}
          scroll={narrow ? undefined : { x: 'max-content' }}
          expandable={{
            expandedRowKeys: expandedKeys,
            onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
          }}
        />
      </Card>

      <ModalForm<{ code?: string; name: string }>
        key={editing ? (editing.mode === 'add' ? `add-${editing.parent?.code ?? 'root'}` : `rename-${editing.region.code}`) : 'closed'}
        name="editRegion"
        open={editing !== null}
        width={460}
        title={
          editing?.mode === 'rename'
            ? t('regions.renameTitle', { name: editing.region.name })
            : editing?.parent
              ? t('regions.addChildTitle', { name: editing.parent.name })
              : t('regions.addTitle')
        }
        initialValues={editing?.mode === 'rename' ? { name: editing.region.name } : undefined}
        modalProps={{ destroyOnHidden: true, onCancel: () => setEditing(null) }}
        onFinish={async (values) => {
          if (!editing) return true;
          try {
            if (editing.mode === 'rename') {
              const region = await regionApi.rename(editing.region.code, values.name.trim());
              message.success(t('regions.renamed', { name: region.name }));
            } else {
              const region = await regionApi.create({ code: values.code!.trim(), name: values.name.trim(), parentCode: editing.parent?.code ?? null });
              message.success(t('regions.created', { name: region.name }));
              if (editing.parent) setExpanded((keys) => [...(keys ?? regions.tree.map((n) => n.code)), editing.parent!.code]);
            }
            setEditing(null);
            await reload();
            return true;
          } catch (error) {
            message.error(isApiError(error) ? Object.values(error.fields ?? {})[0] ?? error.message : String(error));
            return false;
          }
        }}
      >
        {editing?.mode === 'add' && (
          <ProFormText
            name="code"
            label={t('regions.code')}
            placeholder={editing.parent ? `${editing.parent.code.slice(0, editing.parent.level * 2)}…` : '620000'}
            rules={[{ required: true, message: t('regions.codeRequired') }, regionCodeRule(t)]}
            fieldProps={{ maxLength: 6 }}
          />
        )}
        {editing?.mode === 'add' && editing.parent && (
          <Typography.Paragraph type="secondary">
            {t('regions.parent')}: {editing.parent.name}（{editing.parent.code}）
          </Typography.Paragraph>
        )}
        <ProFormText name="name" label={t('regions.name')} rules={[{ required: true, whitespace: true, message: t('regions.nameRequired') }]} fieldProps={{ maxLength: 50 }} />
      </ModalForm>
    </AppPage>
  );
}
