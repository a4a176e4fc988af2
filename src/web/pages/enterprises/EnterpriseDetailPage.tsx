import { useParams } from 'react-router-dom';
import EnterpriseView from './EnterpriseView';

/** 企业详情 /enterprises/:id (staff). */
export default function EnterpriseDetailPage() {
  const { id } = useParams();
  return <EnterpriseView key={id} id={Number(id)} own={false} />;
}
