using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Json;

namespace PortOne.Http
{
    /// <summary>
    /// The PortOneExceptions of the transport, as facts: the request, the HTTP status, PortOne's own code and message,
    /// and what was wrong with the answer.
    /// </summary>
    internal static class ApiFailures
    {
        public static PortOneException Failure(PortOneErrorKind kind, string path, int? status, int? code, string? apiMessage,
            string message, Exception? inner = null) =>
            new PortOneException(kind, message, inner) { HttpStatus = status, ApiCode = code, ApiMessage = apiMessage, RequestPath = path };

        /// <summary>The key and secret refused at getToken.</summary>
        public static PortOneException KeyRefused(string tokenPath, string maskedKey) =>
            Failure(PortOneErrorKind.AuthenticationFailed, tokenPath, 401, null, null,
                $"PortOne refused the API key '{maskedKey}' and its secret (HTTP 401).");

        /// <summary>A fresh token refused for a request: the key may not do it (or the Tier is another merchant's).</summary>
        public static PortOneException TokenRefused(string path) =>
            Failure(PortOneErrorKind.AuthenticationFailed, path, 401, null, null, $"PortOne refused a fresh access token for {path} (HTTP 401).");

        public static PortOneException RetriesExhausted(string path, int tries, int status, string reason, Exception? inner) =>
            Failure(PortOneErrorKind.RetriesExhausted, path, status == 0 ? (int?)null : status, null, null,
                $"PortOne did not answer {path} after {tries} tries: {reason}.", inner);

        /// <summary>An answer whose envelope is not a success (code != 0, or no response).</summary>
        public static PortOneException Refused(string path, int status, int code, string? apiMessage) =>
            Failure(PortOneErrorKind.ApiError, path, status, code, apiMessage,
                $"PortOne answered {path} with code {code}: {apiMessage ?? "(no message)"}.");

        public static PortOneException Unusable(string path, int status, UnusableValueException e) =>
            Failure(PortOneErrorKind.InvalidResponse, path, status, null, null,
                $"PortOne's answer to {path} is unusable: {e.Where} is {e.Reason}.", e);

        public static PortOneException InvalidJson(string path, int status, JsonException e) =>
            Failure(PortOneErrorKind.InvalidResponse, path, status, null, null, $"PortOne's answer to {path} is not valid JSON ({e.Message}).", e);

        /// <summary>A 3xx, never followed: it names where it pointed, and says that nothing was sent there.</summary>
        public static PortOneException Redirected(HttpResponseMessage response, Uri requested, string path)
        {
            int status = (int)response.StatusCode;
            Uri? location = response.Headers.Location;
            if (location != null && !location.IsAbsoluteUri) location = new Uri(requested, location);
            string where = location != null ? $"a redirect to {location}" : "a redirect with no Location";
            return Failure(PortOneErrorKind.Redirected, path, status, null, null,
                $"The API address answered {path} with HTTP {status}, {where}. Redirects are not followed, so nothing (no key, secret or token) " +
                "was sent there. PortOne's API does not redirect.");
        }

        /// <summary>Refuses an answer that says it is not JSON: something other than PortOne answered.</summary>
        public static void EnsureJson(HttpResponseMessage response, string path)
        {
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
            {
                PortOneException failure = Failure(PortOneErrorKind.InvalidResponse, path, (int)response.StatusCode, null, null,
                    $"The answer to {path} is {mediaType}, not JSON: something other than PortOne answered.");
                failure.MediaType = mediaType;
                throw failure;
            }
        }

        /// <summary>A 4xx (other than 401 and 408/429) with PortOne's own code and message where the body has them.</summary>
        public static async Task<Exception> FromErrorAnswerAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
        {
            int status = (int)response.StatusCode;
            ErrorEnvelope? error = null;
            try
            {
                using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                error = await JsonSerializer.DeserializeAsync(stream, PortOneJsonContext.Default.ErrorEnvelope, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's page): the status code alone must do.
            }
            string apiText = error?.Message != null ? $" (code {error.Code}: {error.Message})" : "";
            return status == 404
                ? Failure(PortOneErrorKind.NotFound, path, status, error?.Code, error?.Message, $"PortOne has no such resource: {path}{apiText}.")
                : Failure(PortOneErrorKind.ApiError, path, status, error?.Code, error?.Message,
                    $"PortOne rejected {path} with HTTP {status}{apiText}.");
        }
    }
}
