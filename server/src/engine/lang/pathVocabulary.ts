/**
 * What every adapter's log-sink and upload-target extractors share about paths written as text: the paths that are
 * the process's own output streams, and the ones under the temporary directory.
 */

/** `/dev/stdout`, `/dev/stderr`, `/dev/fd/1`, `/dev/fd/2`: writing there is writing the log stream, not a file. */
export const STD_STREAM_PATH = /^\/dev\/(?:stdout|stderr|fd\/[12])$/;

/** `/tmp/…`, `/var/tmp/…`: scratch space for one request, not storage. */
export const SCRATCH_PATH = /^\/(?:var\/)?tmp(?:\/|$)/;
