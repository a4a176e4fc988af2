// The region and the day (or year) a staff page of 科技特派员 looks at: the user's own region and
// today to begin with.
import { DatePicker, Space, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useScopedRegions } from '../../components/useRegions';

export default function RegionDateBar({ region, onRegion, date, onDate, picker = 'date' }: {
  region: string; onRegion: (code: string) => void; date: string; onDate: (day: string) => void; picker?: 'date' | 'year';
}) {
  const { t } = useTranslation();
  const regions = useScopedRegions();
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <TreeSelect value={region || undefined} onChange={onRegion} treeData={regions.scopedOptions} treeDefaultExpandAll showSearch treeNodeFilterProp="title"
        style={{ width: 200 }} aria-label={t('commissioners.common.region')} data-testid="region-picker" />
      <DatePicker picker={picker} value={dayjs(date)} allowClear={false} inputReadOnly onChange={(d) => d && onDate(d.format('YYYY-MM-DD'))}
        aria-label={t('commissioners.common.date')} style={{ width: 150 }} />
    </Space>
  );
}
