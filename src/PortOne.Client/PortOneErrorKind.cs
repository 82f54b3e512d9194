namespace PortOne
{
    /// <summary>
    /// What went wrong, one value per condition: the one list of the error ids (see
    /// <see cref="PortOneErrorKindExtensions.ToErrorId"/>). A host raises the kinds that concern its own input
    /// (<see cref="NotConnected"/>, <see cref="MissingImpKey"/>, <see cref="InvalidDateRange"/>) with the same ids.
    /// </summary>
    public enum PortOneErrorKind
    {
        /// <summary>PortOne refused the key or secret.</summary>
        AuthenticationFailed,
        /// <summary>No payment with that imp_uid or merchant_uid.</summary>
        NotFound,
        /// <summary>PortOne answered with an error of its own (HTTP 4xx, or code != 0).</summary>
        ApiError,
        /// <summary>The answer was not PortOne's JSON.</summary>
        InvalidResponse,
        /// <summary>No answer after every retry.</summary>
        RetriesExhausted,
        /// <summary>PortOne's pages contradicted each other, so reading on could loop or skip.</summary>
        PagingStalled,
        /// <summary>A base URI that would send the secret in clear text, or is not an absolute http(s) URI.</summary>
        InsecureBaseUri,
        /// <summary>No credentials to connect with: none given, and none found where the host looks for them.</summary>
        NotConnected,
        /// <summary>A credential without a user name, which must be the REST API key (imp_key).</summary>
        MissingImpKey,
        /// <summary>A time range that is no range: its start after its end, or a start in the future where the range ends now.</summary>
        InvalidDateRange,
        /// <summary>Payments changed while they were read, where the read cannot prove it is complete (non-terminating).</summary>
        DataChanged,
        /// <summary>The server answered with a redirect, which is never followed (it would resend the secret).</summary>
        Redirected,
        /// <summary>A Tier code the Tier header cannot carry (control or non-ASCII characters).</summary>
        InvalidTier,
        /// <summary>
        /// No connection could be made: refused, a name that does not resolve, TLS failing its checks, or a proxy
        /// saying no (see <see cref="PortOneConnectFailure"/>).
        /// </summary>
        Unreachable,
        /// <summary>A proxy the client cannot use (not an absolute URI of a proxy scheme), or its credentials given more than one way.</summary>
        InvalidProxy,
        /// <summary>Something failed that the module did not foresee; the original exception is the inner one.</summary>
        UnexpectedError,

        // Resumable reads: see Checkpoints/CheckpointRun.
        /// <summary>The checkpoint file is not one this read can use (damaged, or not a checkpoint).</summary>
        CheckpointInvalid,
        /// <summary>The checkpoint belongs to a read of another status, or to another account (API key or Tier).</summary>
        CheckpointMismatch,
        /// <summary>Another run holds the checkpoint's lock.</summary>
        CheckpointLocked,
        /// <summary>The checkpoint ends later than this machine's clock now.</summary>
        CheckpointInFuture,
        /// <summary>The checkpoint cannot be read, locked or saved (a folder in its place, a missing folder, permissions, a full disk).</summary>
        CheckpointUnavailable,
        /// <summary>Payments changed while the run read them and the read could not be proven complete, so the checkpoint stays.</summary>
        CheckpointNotMoved,
        /// <summary>A setting a checkpointed read cannot use, or a new checkpoint asked for where the checkpoint exists.</summary>
        InvalidCheckpointParameter,
        /// <summary>The checkpoint file does not exist and the run was not told to start a new one.</summary>
        CheckpointMissing,

        // Exports to files.
        /// <summary>The export file could not be written, flushed or renamed into place (a missing folder, permissions, a full disk).</summary>
        ExportFailed,
    }
}
