/** Sending a generated file (Word, Excel): its type, and its name in Chinese as the browser keeps it. */
import type { FastifyReply } from 'fastify';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** An ASCII fallback name for old clients, the real one (UTF-8) for the rest; path characters replaced. */
export function sendFile(reply: FastifyReply, fileName: string, contentType: string, data: Buffer) {
  const ascii = contentType === DOCX ? 'document.docx' : contentType === XLSX ? 'export.xlsx' : 'file';
  return reply.header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.replace(/[\\/:*?"<>|]/g, '_'))}`)
    .send(data);
}
