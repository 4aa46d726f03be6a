// The lore stage: getting archives from a public-inbox server (lore.kernel.org) onto disk,
// where the sources stage reads them. It knows nothing of the database.
export { download, DownloadError, DOWNLOAD_DEFAULTS, type DownloadOptions, type DownloadFailure } from './download.js';
export { fetchThread, fileNameFor, MAX_UNPACKED_BYTES, type FetchedThread, type ThreadFetchOptions } from './thread.js';
export { escapeMessageId, threadMboxUrl, epochUrl } from './url.js';
export { mirrorList, MirrorError, type MirrorResult, type EpochResult, type MirrorOptions } from './mirror.js';
