/**
 * What every adapter's log-sink extractor shares about paths written as text: the paths that are
 * the process's own output streams.
 */

/** `/dev/stdout`, `/dev/stderr`, `/dev/fd/1`, `/dev/fd/2`: writing there is writing the log stream, not a file. */
export const STD_STREAM_PATH = /^\/dev\/(?:stdout|stderr|fd\/[12])$/;
