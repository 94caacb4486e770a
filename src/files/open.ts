// Which file store a configuration names: FILES_URL (s3://bucket/prefix or file:///folder), DATA_DIR/files when unset.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { parseS3Url, S3FileStore } from './s3.ts';
import { type FileStore, LocalFileStore } from './store.ts';

export class FilesUrlError extends Error {}

/** The store at `url` (s3://bucket/prefix, file:///folder or a folder's path), with the S3 settings of `config`. */
export function fileStoreAt(url: string, config: Config): FileStore {
  const s3 = parseS3Url(url);
  if (s3)
    return new S3FileStore({
      ...s3,
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials:
        config.AWS_ACCESS_KEY_ID && config.AWS_SECRET_ACCESS_KEY
          ? { accessKeyId: config.AWS_ACCESS_KEY_ID, secretAccessKey: config.AWS_SECRET_ACCESS_KEY }
          : undefined,
      // Uploads on their way to the bucket wait on this machine, where the folder store would keep them.
      tmpDir: path.join(config.filesDir, 'tmp'),
      keptCopiesBytes: config.S3_LOCAL_COPIES_MB * 1024 * 1024,
    });
  if (url.startsWith('s3:')) throw new FilesUrlError(`${url}: not a bucket address (s3://bucket/prefix)`);
  if (url.startsWith('file:')) return new LocalFileStore(fileURLToPath(url));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
    throw new FilesUrlError(`${url}: a file store is s3://bucket/prefix, file:///folder or a folder`);
  return new LocalFileStore(path.resolve(url));
}

/** The store the configuration names. */
export function openFileStore(config: Config): FileStore {
  return config.FILES_URL ? fileStoreAt(config.FILES_URL, config) : new LocalFileStore(config.filesDir);
}
