using System;
using System.Globalization;
using System.Text.Json;
using PortOne.Connection;

namespace PortOne.Errors
{
    /// <summary>
    /// What to do next (ErrorDetails.RecommendedAction), for every kind of failure: the client's exception carries the
    /// facts (kind, request, status, range, address, file), and only the module knows the parameters and variables that
    /// set them, and whether the user ran Connect-PortOne or set PORTONE_* variables.
    /// </summary>
    internal static class Advice
    {
        // The client's token request: a 401 there refuses the key and secret themselves, anywhere else the token.
        private const string TokenRequestPath = "users/getToken";

        private const string TryAgainThenReport = "Run the command again; if it persists, report it to PortOne with the -Verbose output. " +
            "Narrowing -From/-To can get the payments around it.";

        /// <summary>
        /// The recommended action for <paramref name="failure"/>. <paramref name="source"/> is where the command's
        /// connection came from; null where none is involved or it is Connect-PortOne's own.
        /// </summary>
        public static string For(PortOneException failure, ConnectionSource? source)
        {
            bool fromVariables = source == ConnectionSource.EnvironmentVariables;
            string address = fromVariables ? ConnectionStore.BaseUriVariable : $"-ApiBaseUri (or {ConnectionStore.BaseUriVariable})";
            // No default arm: a kind added without advice here fails the build (CS8509); CS8524 is about numbers outside the enum.
#pragma warning disable CS8524
            return failure.Kind switch
#pragma warning restore CS8524
            {
                PortOneErrorKind.AuthenticationFailed => Authentication(failure, fromVariables),
                PortOneErrorKind.NotFound => ForMissingPayment("id", source),
                PortOneErrorKind.ApiError => failure.HttpStatus == 403
                    ? "The API key is not allowed to do this; check its permissions in the PortOne console, and the Tier code."
                    : "Check the command's parameters against PortOne's message, and the API key's permissions and the Tier code.",
                PortOneErrorKind.InvalidResponse => failure.MediaType != null
                    ? $"Something other than PortOne answered: check {address} and any proxy between this machine and PortOne."
                    : failure.InnerException is JsonException
                        ? "A proxy or a broken connection may have altered the answer: run the command again, " +
                          $"and check {address} and any proxy if it persists."
                        : TryAgainThenReport,
                PortOneErrorKind.RetriesExhausted =>
                    "PortOne or the network is having trouble. Run the command again later, or raise -MaxRetries / -TimeoutSec on Connect-PortOne.",
                PortOneErrorKind.PagingStalled => "Try again later; if it persists, report it to PortOne with the -Verbose output.",
                PortOneErrorKind.InsecureBaseUri => fromVariables
                    ? $"Set {ConnectionStore.BaseUriVariable} to an https URI such as https://api.iamport.kr/ " +
                      "(http only to 127.0.0.1, ::1 or localhost), or remove it to use PortOne's API."
                    : "Give -ApiBaseUri as an absolute https URI such as https://api.iamport.kr/; plain http goes only to a loopback " +
                      "address (127.0.0.1, ::1, localhost) such as the local emulator.",
                PortOneErrorKind.NotConnected =>
                    "Run Connect-PortOne -Credential (Get-Credential) first, or for unattended jobs set the environment variables " +
                    $"{ConnectionStore.KeyVariable} and {ConnectionStore.SecretVariable}.",
                PortOneErrorKind.MissingImpKey => "Pass -Credential with UserName = imp_key and Password = imp_secret.",
                PortOneErrorKind.InvalidDateRange =>
                    "Give a -From before the range's end (-To or -Before) and in the past; a date without a zone is local time.",
                PortOneErrorKind.DataChanged => ReadAgain(failure),
                PortOneErrorKind.Redirected => $"Check {address} and any proxy on the way: PortOne's API does not redirect. " +
                    "If the new address is really PortOne's, connect to it directly.",
                PortOneErrorKind.InvalidTier => fromVariables
                    ? $"Set {ConnectionStore.TierVariable} to the sub-merchant's tier code exactly as the PortOne console shows it, " +
                      "without a line break (a value read from a file often ends in one), or remove it."
                    : "Give -Tier exactly as the PortOne console shows the sub-merchant's tier code, without line breaks or other " +
                      "control characters (a value read from a file often ends in one).",
                PortOneErrorKind.Unreachable => UnreachableAdvice.For(failure),
                PortOneErrorKind.InvalidProxy => fromVariables
                    ? $"Set {ConnectionStore.ProxyVariable} to the proxy's URI, such as http://proxy.example.com:3128/ " +
                      "(http://user:password@proxy.example.com:3128/ with credentials), or remove it."
                    : "Give -Proxy as an absolute URI such as http://proxy.example.com:3128/ (http, https, socks4, socks4a or socks5), " +
                      "and the proxy's credentials one way only: -ProxyCredential, -ProxyUseDefaultCredentials, or user:password in the URI.",
                PortOneErrorKind.UnexpectedError => "Run the command again. If it fails the same way, report it to the PortOne module's " +
                    "authors with the command and this error's Exception.InnerException.",
                PortOneErrorKind.CheckpointInvalid => "Check that -Checkpoint names this job's checkpoint file. If the file is damaged, " +
                    "restore it from a backup; or move it aside and run once with -NewCheckpoint and -From set to the end of the last " +
                    "export you trust, which starts a new checkpoint there.",
                PortOneErrorKind.CheckpointMismatch => "Use the -Status and the account (API key and Tier) the checkpoint was made with, " +
                    "or give this read its own -Checkpoint file.",
                PortOneErrorKind.CheckpointLocked => "Two runs on one checkpoint would both move it: let the other run finish, or give " +
                    "each job its own -Checkpoint file. If no other run exists, check that the scheduler does not start the job twice.",
                PortOneErrorKind.CheckpointInFuture => "Runs go on from the checkpoint once PortOne's clock has passed its end. " +
                    "To start over instead, move the file aside and run once with -NewCheckpoint and -From.",
                PortOneErrorKind.CheckpointUnavailable =>
                    "Check that the folder exists, that this account may create and replace files in it, and that the disk is not full.",
                PortOneErrorKind.CheckpointNotMoved => "Discard what this run wrote; the next run reads the same time again.",
                PortOneErrorKind.InvalidCheckpointParameter => "Leave -NewCheckpoint out: this checkpoint goes on from where its last " +
                    "run ended. A job that keeps -NewCheckpoint would start over silently if the file were lost.",
                PortOneErrorKind.CheckpointMissing => failure.FilePath != null
                    ? "Restore that checkpoint file (or give -Checkpoint its right path) to go on from its last run. To start over " +
                      "instead, move the old files out of the folder first, or give the new checkpoint another name."
                    : "If the file existed, restore it or give its right path (a full path, in a scheduled job). If this is the job's " +
                      "first run, run it once with -NewCheckpoint (and -From where it should start), then without -NewCheckpoint.",
                PortOneErrorKind.ExportFailed => "Check that the folder exists, that this account may create and rename files in it, " +
                    "and that the disk is not full (-Path names a file, or with -Checkpoint a folder). Nothing was moved: a run with " +
                    "-Checkpoint writes the same payments again next time.",
            };
        }

        private static string Authentication(PortOneException failure, bool fromVariables)
        {
            bool keyRefused = failure.RequestPath == TokenRequestPath;
            if (fromVariables)
            {
                return keyRefused
                    ? "This session connected from the environment variables: " +
                      $"set {ConnectionStore.KeyVariable} and {ConnectionStore.SecretVariable} to the REST API key (imp_key) and " +
                      "secret (imp_secret) shown in the PortOne console. The next command reads them again."
                    : $"Check that the API key in {ConnectionStore.KeyVariable} may read payments, and {ConnectionStore.TierVariable} if it is set.";
            }
            return keyRefused
                ? "Check the REST API key (imp_key) and secret (imp_secret) in the PortOne console, then run Connect-PortOne again."
                : "Check that the API key may read payments (and -Tier, if you gave one), then run Connect-PortOne again.";
        }

        /// <summary>The same command for the range the read could not prove, once it has settled.</summary>
        private static string ReadAgain(PortOneException failure)
        {
            if (failure.RangeFrom is DateTimeOffset from && failure.RangeTo is DateTimeOffset to)
            {
                return string.Format(CultureInfo.InvariantCulture, "Read that time again once it has settled: the same command with " +
                    "-From '{0:yyyy-MM-dd HH:mm:ss zzz}' -To '{1:yyyy-MM-dd HH:mm:ss zzz}'.", from, to);
            }
            return "Read that time again once it has settled.";
        }

        /// <summary>What to check when no payment has the id looked up (<paramref name="idName"/> is imp_uid or merchant_uid).</summary>
        public static string ForMissingPayment(string idName, ConnectionSource? source) =>
            source == ConnectionSource.EnvironmentVariables
                ? $"Check the {idName}: the payment may belong to another merchant account or Tier than {ConnectionStore.KeyVariable} " +
                  $"(and {ConnectionStore.TierVariable}) name."
                : $"Check the {idName}: the payment may belong to another merchant account or Tier than this connection's.";
    }
}
