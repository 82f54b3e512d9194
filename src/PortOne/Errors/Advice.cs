using PortOne.Connection;

namespace PortOne.Errors
{
    /// <summary>
    /// What to do next, as the cmdlets tell it: built here from a failure's kind and facts and from where the connection
    /// came from, because only the module knows whether the user ran Connect-PortOne or set PORTONE_* variables. The
    /// client's own RecommendedAction stands for the kinds not handled here yet (issue 19 moves the rest).
    /// </summary>
    internal static class Advice
    {
        // The client's token request: a 401 there refuses the key and secret themselves, anywhere else the token.
        private const string TokenRequestPath = "users/getToken";

        /// <summary>The recommended action for <paramref name="failure"/>; the client's own where the source is unknown or does not matter.</summary>
        public static string For(PortOneException failure, ConnectionSource? source)
        {
            if (source == ConnectionSource.EnvironmentVariables)
            {
                // The values came from variables: name the one to change, not a parameter the user never typed.
                switch (failure.Kind)
                {
                    case PortOneErrorKind.InsecureBaseUri:
                        return $"Set {ConnectionStore.BaseUriVariable} to an https URI such as https://api.iamport.kr/ (http only to 127.0.0.1, ::1 or localhost), or remove it to use PortOne's API.";
                    case PortOneErrorKind.InvalidTier:
                        return $"Set {ConnectionStore.TierVariable} to the sub-merchant's tier code exactly as the PortOne console shows it, without a line break (a value read from a file often ends in one), or remove it.";
                }
            }
            if (failure.Kind == PortOneErrorKind.AuthenticationFailed && source.HasValue)
            {
                bool keyRefused = failure.RequestPath == TokenRequestPath;
                return source.Value == ConnectionSource.EnvironmentVariables
                    ? (keyRefused
                        ? $"This session connected from the environment variables: set {ConnectionStore.KeyVariable} and {ConnectionStore.SecretVariable} to the REST API key (imp_key) and secret (imp_secret) shown in the PortOne console. The next command reads them again."
                        : $"Check that the API key in {ConnectionStore.KeyVariable} may read payments, and {ConnectionStore.TierVariable} if it is set.")
                    : (keyRefused
                        ? "Check the REST API key (imp_key) and secret (imp_secret) in the PortOne console, then run Connect-PortOne again."
                        : "Check that the API key may read payments (and -Tier, if you gave one), then run Connect-PortOne again.");
            }
            if (failure.Kind == PortOneErrorKind.DataChanged && failure.RangeFrom is System.DateTimeOffset from && failure.RangeTo is System.DateTimeOffset to)
            {
                return string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "Read that time again once it has settled: the same command with -From '{0:yyyy-MM-dd HH:mm:ss zzz}' -To '{1:yyyy-MM-dd HH:mm:ss zzz}'.", from, to);
            }
            return failure.RecommendedAction;
        }

        /// <summary>What to check when no payment has the id looked up (<paramref name="idName"/> is imp_uid or merchant_uid).</summary>
        public static string ForMissingPayment(string idName, ConnectionSource? source) =>
            source == ConnectionSource.EnvironmentVariables
                ? $"Check the {idName}: the payment may belong to another merchant account or Tier than {ConnectionStore.KeyVariable} (and {ConnectionStore.TierVariable}) name."
                : $"Check the {idName}: the payment may belong to another merchant account or Tier than this connection's.";
    }
}
