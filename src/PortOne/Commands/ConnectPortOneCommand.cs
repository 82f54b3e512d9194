using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using PortOne.Arguments;
using PortOne.Connection;
using PortOne.Errors;

namespace PortOne.Commands
{
    /// <summary>Connect-PortOne: checks the credentials by getting a token, then keeps the connection for this session.</summary>
    [Cmdlet(VerbsCommunications.Connect, "PortOne", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(PortOneConnectionInfo))]
    public sealed class ConnectPortOneCommand : PortOneCmdlet
    {
        private const string CredentialSet = "Credential";
        private const string KeySet = "ImpKey";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNullOrEmpty]
        public string ImpKey { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ImpSecretTransformation]
        [ValidateNotNull]
        public SecureString ImpSecret { get; set; } = new SecureString();

        // -ApiBaseUri, -MaxRetries and -TimeoutSec are null unless given: the defaults are PortOneClientOptions' own.

        [Parameter]
        [ValidateNotNull]
        public Uri? ApiBaseUri { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Tier { get; set; }

        [Parameter]
        [ValidateRange(0, 20)]
        public int? MaxRetries { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int? TimeoutSec { get; set; }

        // The proxy, named as Invoke-RestMethod names it; without -Proxy, PORTONE_PROXY, then the platform's default.

        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            // Failures name this command's parameters; one about PORTONE_PROXY, read below, names that variable instead.
            Origin = ConnectionSource.ConnectCommand;
            NetworkCredential credential = ParameterSetName == CredentialSet
                ? new NetworkCredential(Credential.UserName, Credential.Password)
                : new NetworkCredential(ImpKey, ImpSecret);
            if (string.IsNullOrEmpty(credential.UserName))
            {
                var noKey = new PortOneException(PortOneErrorKind.MissingImpKey,
                    "The credential has no user name: it must be the REST API key (imp_key).");
                ThrowTerminatingError(ErrorFor(noKey, null));
            }
            Run(() => PortOneClientOptions.EnsureValidTier(Tier), Tier);
            var options = new PortOneClientOptions(credential) { Tier = Tier };
            if (ApiBaseUri != null) options.BaseUri = ApiBaseUri;
            if (MaxRetries.HasValue) options.MaxRetries = MaxRetries.Value;
            if (TimeoutSec.HasValue) options.RequestTimeout = TimeSpan.FromSeconds(TimeoutSec.Value);
            string? proxyOrigin = SetProxy(options);
            PortOneClient? client = null;
            Run(() => client = new PortOneClient(options), options.BaseUri);
            var connection = new PortOneConnection(client!, "Connect-PortOne", proxyOrigin: proxyOrigin);
            if (connection.DescribeProxy() is string proxyLine) WriteVerbose(proxyLine);
            WriteVerbose($"Getting an access token from {client!.Options.BaseUri}.");
            bool kept = false;
            try
            {
                Run(() => Await(client.ConnectAsync(ClientEvents, CancelToken)), options.BaseUri);
                // The connection this replaces is disposed once no command uses it.
                ConnectionStore.Set(connection);
                kept = true;
            }
            finally
            {
                if (!kept) client.Dispose();
            }
            if (client.TokenExpiresAt.HasValue) WriteVerbose($"Connected; the token expires at {ShowTime(client.TokenExpiresAt.Value)}.");
            DescribeClock(client);
            if (PassThru) WriteObject(connection.ToInfo());
        }

        /// <summary>-Proxy, else PORTONE_PROXY, into the options; says where the proxy came from (null: none given).</summary>
        private string? SetProxy(PortOneClientOptions options)
        {
            // A proxy from PORTONE_PROXY is fixed there, not with -Proxy.
            bool fromVariable = Proxy == null && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ConnectionStore.ProxyVariable));
            string? origin = Proxy != null ? "Connect-PortOne -Proxy" : fromVariable ? ConnectionStore.ProxyVariable : null;
            options.ProxyCredential = ProxyCredential?.GetNetworkCredential();
            options.ProxyUseDefaultCredentials = ProxyUseDefaultCredentials;
            try
            {
                options.Proxy = Proxy ?? ConnectionStore.ProxyFromEnvironment();
                PortOneClientOptions.EnsureValidProxy(options);
            }
            catch (PortOneException failure)
            {
                ConnectionSource source = fromVariable ? ConnectionSource.EnvironmentVariables : ConnectionSource.ConnectCommand;
                ThrowTerminatingError(ErrorRecords.From(failure, (object?)Proxy ?? origin ?? nameof(ProxyCredential), source));
            }
            return origin;
        }
    }
}
