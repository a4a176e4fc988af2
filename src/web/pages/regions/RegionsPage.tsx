import { useMemo, useState } from 'react';
import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { App, Button, Card, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, regionApi } from '../../api';
import AppPage from '../../components/AppPage';
import { ImportPreviewModal } from '../../components/ImportPreview';
import type { RegionNode } from '../../components/regionTree';
import { regionCodeRule } from '../../components/rules';
import { REGIONS_KEY, useRegions } from '../../components/useRegions';

/** The import file's own column headers (the template is in Chinese whatever the UI language). */

type Editing = { mode: 'add'; parent: RegionNode | null } | { mode: 'rename'; region: RegionNode };

/** Keeps the nodes matching the filter and their ancestors. */
function filterTree(nodes: RegionNode[], text: string): RegionNode[] {
  if (!text) return nodes;
  const out: RegionNode[] = [];
  for (const node of nodes) {
    const children = node.children ? filterTree(node.children, text) : [];
    if (node.name.includes(text) || node.code.includes(text) || children.length > 0) {
      out.push({ ...node, children: children.length > 0 ? children : node.children && node.name.includes(text) ? node.children : undefined });
    }
  }
  return out;
}

function allCodes(nodes: RegionNode[]): string[] {
  return nodes.flatMap((node) => (node.children ? [node.code, ...allCodes(node.children)] : []));
}

/** 区划管理: the GB/T 2260 region tree; add, rename, import from Excel. */
export default function RegionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  // a chosen file is previewed (changes, problems) and imported only from the preview's 确认导入
  const [importFile, setImportFile] = useState<File | null>(null);

  const data = useMemo(() => filterTree(regions.tree, filter.trim()), [regions.tree, filter]);
  // Provinces and cities open by default; everything while filtering.
  const expandedKeys = filter.trim() ? allCodes(data) : expanded ?? regions.tree.map((node) => node.code);

  const reload = () => queryClient.invalidateQueries({ queryKey: REGIONS_KEY });


  const levelName = (level: number) => t(`regions.level${level}` as 'regions.level1');

  const columns: ColumnsType<RegionNode> = [
    { title: t('regions.name'), dataIndex: 'name', key: 'name' },
    { title: t('regions.code'), dataIndex: 'code', key: 'code', width: 160, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    {
      title: t('regions.level'),
      dataIndex: 'level',
      key: 'level',
      width: 120,
      render: (level: number) => <Tag color={level === 1 ? 'blue' : level === 2 ? 'cyan' : 'default'}>{levelName(level)}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, region) => (
        <Space>
          {region.level < 3 && <a onClick={() => setEditing({ mode: 'add', parent: region })}>{t('regions.addChild')}</a>}
          <a onClick={() => setEditing({ mode: 'rename', region })}>{t('regions.rename')}</a>
        </Space>
      ),
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
          {t('regions.importHelp')}
        </Typography.Paragraph>


        <Table<RegionNode>
          rowKey="code"
          size="middle"
          loading={regions.isLoading}
          columns={columns}
          dataSource={data}
          pagination={false}
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
