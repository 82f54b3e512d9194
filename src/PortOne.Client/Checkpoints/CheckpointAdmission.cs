using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PortOne.Checkpoints
{
    /// <summary>
    /// Whether a checkpoint file may start a run (<see cref="CheckpointRun.Start"/>): a new one only when asked for and
    /// where there is none, an existing one of the same status and account, whose end is not in PortOne's future.
    /// </summary>
    internal static class CheckpointAdmission
    {
        /// <summary>
        /// A new checkpoint starts only when asked to (CreateNew), and only where there is none: a file that is missing
        /// looks the same whether it was never made or is gone (deleted, on a volume not mounted, or a relative path
        /// resolved against another folder), and a silent restart would write everything since FirstFrom again.
        /// </summary>
        public static void CheckNew(CheckpointFile? previous, CheckpointSettings settings)
        {
            if (previous == null && !settings.CreateNew)
            {
                throw new PortOneException(PortOneErrorKind.CheckpointMissing,
                    $"The checkpoint '{settings.Path}' does not exist. A run starts a new checkpoint only when told to: a checkpoint that is gone " +
                    "(deleted, on a volume that is not mounted, or a relative path resolved against another folder) would otherwise start over " +
                    "and write everything again.")
                {
                    CheckpointPath = settings.Path,
                };
            }
            if (previous != null && settings.CreateNew)
            {
                throw new PortOneException(PortOneErrorKind.InvalidCheckpointParameter,
                    $"The run was told to start a new checkpoint, and the checkpoint '{settings.Path}' exists.")
                {
                    CheckpointPath = settings.Path,
                };
            }
        }

        public static void Check(CheckpointFile previous, CheckpointSettings settings, string account, DateTimeOffset now)
        {
            string path = settings.Path;
            if (previous.Status != settings.Status.ToApiString())
            {
                throw new PortOneException(PortOneErrorKind.CheckpointMismatch,
                    $"The checkpoint '{path}' belongs to a read of status {previous.Status}, " +
                    $"and this read is of status {settings.Status.ToApiString()}.")
                {
                    CheckpointPath = path,
                };
            }
            if (previous.Account != account)
            {
                throw new PortOneException(PortOneErrorKind.CheckpointMismatch,
                    $"The checkpoint '{path}' was made with another PortOne account (API key or Tier) than this connection's.")
                {
                    CheckpointPath = path,
                };
            }
            DateTimeOffset end = DateTimeOffset.FromUnixTimeSeconds(previous.End);
            // Within the clock's own uncertainty (PortOne stamps whole seconds) a later end is no news: nothing has settled since.
            if (previous.End > (now + PortOneClient.ClockUncertainty).ToUnixTimeSeconds())
            {
                throw new PortOneException(PortOneErrorKind.CheckpointInFuture,
                    $"The checkpoint '{path}' says the last run read up to {end.ToLocalTime():yyyy-MM-dd HH:mm:ss zzz}, " +
                    $"later than PortOne's clock now ({now.ToLocalTime():yyyy-MM-dd HH:mm:ss zzz}): the file comes from a run that " +
                    "went by a clock running ahead of PortOne's, or it was edited. Runs go on from the checkpoint once PortOne's clock " +
                    "has passed its end.")
                {
                    CheckpointPath = path,
                };
            }
        }

        /// <summary>Which account a checkpoint belongs to: the tier and a fingerprint of the API key (never the key itself).</summary>
        public static string AccountOf(PortOneClientOptions options)
        {
            using SHA256 sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(options.Credential.UserName ?? ""));
            var fingerprint = new StringBuilder("key-sha256:");
            for (int i = 0; i < 8; i++) fingerprint.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
            return string.IsNullOrEmpty(options.Tier) ? fingerprint.ToString() : fingerprint + " tier:" + options.Tier;
        }
    }
}
