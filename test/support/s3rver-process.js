'use strict';
/**
 * Runs s3rver on 127.0.0.1 on a free port, storing under the folder given
 * as the first argument, and prints {"port": n} once it listens.
 *
 * Started by test/support/s3rver.ts in a child process of its own, under
 * --openssl-legacy-provider: s3rver signs ListObjectsV2 continuation
 * tokens with DES, which OpenSSL 3 refuses without it, so every truncated
 * listing would fail with InternalError.
 *
 * s3rver 3.7 answers ListMultipartUploads with NotImplemented and
 * AbortMultipartUpload with MethodNotAllowed. Both are added here, over
 * the folder where s3rver keeps the parts of open uploads
 * (<bucket>/._S3rver_uploads/<upload id>/, the key in a file "key"), so
 * that tests can see which uploads are left open.
 */
const fs = require('node:fs');
const path = require('node:path');
const S3rver = require('s3rver');

const directory = process.argv[2];
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory,
  silent: true,
});
server.middleware.unshift(multipartUploads);
server.run().then(
  ({ port }) => process.stdout.write(JSON.stringify({ port }) + '\n'),
  (error) => {
    process.stderr.write(`s3rver: ${error.stack}\n`);
    process.exit(1);
  },
);

async function multipartUploads(ctx, next) {
  const [bucket, ...rest] = ctx.path.split('/').filter(Boolean);
  const uploads = path.join(directory, bucket, '._S3rver_uploads');
  if (ctx.method === 'GET' && !rest.length && 'uploads' in ctx.query) {
    const prefix = ctx.query.prefix ?? '';
    const open = listUploads(uploads).filter((u) => u.key.startsWith(prefix));
    ctx.type = 'application/xml';
    ctx.body = xml('ListMultipartUploadsResult', [
      ['Bucket', bucket],
      ['Prefix', prefix],
      ['IsTruncated', 'false'],
      ...open.map((u) => [
        'Upload',
        xml('', [
          ['Key', u.key],
          ['UploadId', u.id],
          ['Initiated', u.initiated.toISOString()],
        ]),
      ]),
    ]);
    return;
  }
  if (ctx.method === 'DELETE' && rest.length && ctx.query.uploadId) {
    const folder = path.join(uploads, path.basename(ctx.query.uploadId));
    if (!fs.existsSync(folder)) {
      ctx.status = 404;
      ctx.type = 'application/xml';
      ctx.body = xml('Error', [
        ['Code', 'NoSuchUpload'],
        ['Message', 'The specified upload does not exist.'],
      ]);
      return;
    }
    fs.rmSync(folder, { recursive: true, force: true });
    ctx.status = 204;
    return;
  }
  await next();
}

function listUploads(folder) {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((id) => fs.existsSync(path.join(folder, id, 'key')))
    .map((id) => ({
      id,
      key: fs.readFileSync(path.join(folder, id, 'key'), 'utf8'),
      initiated: fs.statSync(path.join(folder, id)).birthtime,
    }));
}

function xml(root, fields) {
  const escape = (text) =>
    String(text).replace(
      /[<>&"]/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c],
    );
  const body = fields
    .map(([name, value]) =>
      name === 'Upload'
        ? `<Upload>${value}</Upload>`
        : `<${name}>${escape(value)}</${name}>`,
    )
    .join('');
  return root
    ? `<?xml version="1.0" encoding="UTF-8"?><${root}>${body}</${root}>`
    : body;
}
