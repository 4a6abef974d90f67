import 'server-only';

/** A generated document as a download: the name in UTF-8 (RFC 6266), never cached. */
export function fileResponse(file: { bytes: Uint8Array; fileName: string; contentType: string }): Response {
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="document.${file.fileName.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'cache-control': 'no-store',
    },
  });
}

/** A document streamed as it is made (the history's exports): the same headers, the body a stream. */
export function streamResponse(file: { stream: ReadableStream<Uint8Array>; fileName: string; contentType: string }): Response {
  return new Response(file.stream, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="document.${file.fileName.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'cache-control': 'no-store',
      // a proxy must pass the rows on as they come, not gather the whole file first
      'x-accel-buffering': 'no',
    },
  });
}
