import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError, type ListQuery } from '../api';

/** "导出 Excel": downloads the list with the query the table last used. */
export default function ExportButton({ run, query }: { run: (query: ListQuery) => Promise<void>; query: () => ListQuery }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const click = async () => {
    setBusy(true);
    try {
      const { page: _page, pageSize: _pageSize, ...rest } = query();
      await run(rest);
    } catch (error) {
      message.error(t('common.exportFailed', { message: isApiError(error) ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={click}>
      {busy ? t('common.exporting') : t('common.export')}
    </Button>
  );
}
