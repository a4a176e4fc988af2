// The outbox's way to the server: the app's one fetch wrapper (session cookie, CSRF, language),
// whose ApiError carries the status the queue judges by (0 = no connection).
import { api } from '../api';
import type { LogBody, QueuedPhoto, Transport } from './logQueue';

export const httpTransport: Transport = {
  postLog: (clientId: string, body: LogBody) => api.post<{ id: number }>('/service-logs', { ...body, clientId }),
  postPhoto: async (logId: number, photo: QueuedPhoto) => {
    const form = new FormData();
    form.append('file', new File([photo.blob], photo.fileName, { type: photo.contentType }));
    await api.upload(`/service-logs/${logId}/photos?clientId=${encodeURIComponent(photo.clientId)}`, form);
  },
};
