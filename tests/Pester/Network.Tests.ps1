# Networks as they are: proxies (which requests a proxy carries, with which credentials, and which never), addresses
# that cannot be reached, and PortOne's clock when this machine's is off.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    # A recording forward proxy and a TLS server nobody trusts, both on loopback (the client tests use the same code).
    if (-not ('PortOne.TestSupport.RecordingProxy' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot '../Support/RecordingProxy.cs'), (Join-Path $PSScriptRoot '../Support/TestTlsServer.cs')
    }
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '2000', '--seed', '21', '--span-days', '30'
    $script:ProxyPassword = 'S3cr3t-proxy-pw'
    $script:Remote = 'https://api.portone.test/'  # .test never resolves: only a proxy can take a request there

    function script:ClosedPort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $port
    }

    function script:Invoke-Isolated {
        # Runs a script in a new pwsh whose environment has $Environment added: .NET reads HTTP(S)_PROXY once per
        # process, so the platform's proxy can only be set for a process that has not started yet. Returns its
        # output, which the script writes as JSON.
        param([hashtable] $Environment, [string] $Script)
        $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        foreach ($a in (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command', "`$ErrorActionPreference = 'Stop'; Import-Module '$env:PORTONE_TEST_MODULE'`n$Script") {
            $info.ArgumentList.Add($a)
        }
        foreach ($name in 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'all_proxy', 'no_proxy', 'PORTONE_PROXY') { $null = $info.Environment.Remove($name) }
        foreach ($name in $Environment.Keys) { $info.Environment[$name] = $Environment[$name] }
        $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) { throw "The child pwsh failed ($($process.ExitCode)): $($stderr.Result)" }
        $stdout | ConvertFrom-Json
    }
}
AfterAll {
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
}

Describe 'Proxies: which requests a proxy carries' {
    BeforeAll {
        $script:proxy = [PortOne.TestSupport.RecordingProxy]::new()
        $script:authProxy = [PortOne.TestSupport.RecordingProxy]::new('alice', $ProxyPassword)
        $script:alice = [pscredential]::new('alice', (ConvertTo-SecureString $ProxyPassword -AsPlainText -Force))
        # Each way of giving a proxy, as Connect-PortOne parameters plus PORTONE_PROXY, against the proxy it uses.
        $script:ways = @{
            'none'              = @{ Parameters = @{}; Variable = $null; Proxy = $null }
            '-Proxy'            = @{ Parameters = @{ Proxy = $proxy.Uri }; Variable = $null; Proxy = $proxy }
            'PORTONE_PROXY'     = @{ Parameters = @{}; Variable = $proxy.Uri.ToString(); Proxy = $proxy }
            '-ProxyCredential'  = @{ Parameters = @{ Proxy = $authProxy.Uri; ProxyCredential = $alice }; Variable = $null; Proxy = $authProxy }
            'PORTONE_PROXY with user:password' = @{ Parameters = @{}; Variable = "http://alice:$ProxyPassword@127.0.0.1:$($authProxy.Uri.Port)/"; Proxy = $authProxy }
        }
        function script:Connect-Way([string] $Way, [string] $BaseUri, [hashtable] $More = @{}) {
            $w = $ways[$Way]
            $env:PORTONE_PROXY = $w.Variable
            $parameters = $w.Parameters + $More
            Connect-PortOne -Credential $emu.Credential -ApiBaseUri $BaseUri @parameters -ErrorAction Stop
        }
    }
    AfterAll { $proxy.Dispose(); $authProxy.Dispose() }
    BeforeEach {
        $proxy.Clear(); $authProxy.Clear()
        $script:savedProxyVariable = $env:PORTONE_PROXY
    }
    AfterEach {
        $env:PORTONE_PROXY = $savedProxyVariable
        Disconnect-PortOne
    }

    It 'plain http to this machine (<BaseUri>) never goes through a proxy, given as <Way>' -ForEach @(
        foreach ($way in 'none', '-Proxy', 'PORTONE_PROXY', '-ProxyCredential', 'PORTONE_PROXY with user:password') {
            @{ Way = $way; BaseUri = 'emulator' }
            @{ Way = $way; BaseUri = 'localhost' }
        }
    ) {
        $uri = if ($BaseUri -eq 'localhost') { $emu.BaseUri -replace '127\.0\.0\.1', 'localhost' } else { $emu.BaseUri }
        Connect-Way $Way $uri
        @(Get-PortOnePayment -First 3 -ErrorAction Stop).Count | Should -Be 3
        $connection = Get-PortOneConnection
        $connection.Proxy | Should -BeNullOrEmpty
        $connection.ProxySource | Should -Match '^None: plain http to this machine'
        $proxy.Records + $authProxy.Records | Should -BeNullOrEmpty -Because 'the key, the secret and the tokens travel in clear text here'
    }

    It 'https to a remote name goes through the proxy given as <Way>, as a tunnel with its credentials' -ForEach @(
        @{ Way = '-Proxy'; User = $null }
        @{ Way = 'PORTONE_PROXY'; User = $null }
        @{ Way = '-ProxyCredential'; User = 'alice' }
        @{ Way = 'PORTONE_PROXY with user:password'; User = 'alice' }
    ) {
        $used = $ways[$Way].Proxy
        $err = $null
        try { Connect-Way $Way $Remote @{ MaxRetries = 0 } } catch { $err = $_ }
        # The recording proxy opens tunnels to loopback only: it answers the remote name 502, after recording it.
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.Unreachable,PortOne.Commands.ConnectPortOneCommand'
        $err.Exception.ConnectFailure | Should -Be 'ProxyRefused'
        $err.Exception.HttpStatus | Should -Be 502
        $err.Exception.Proxy | Should -Be $used.Uri
        $err.ErrorDetails.RecommendedAction | Should -Match '-Proxy'
        $tunnels = @($used.Records | Where-Object Answer -ne 407)
        $tunnels.Count | Should -Be 1
        $tunnels[0].Method | Should -Be 'CONNECT'
        $tunnels[0].Target | Should -Be 'api.portone.test:443'
        $tunnels[0].Body | Should -BeNullOrEmpty -Because 'through a tunnel the proxy sees only ciphertext'
        if ($User) { $tunnels[0].BasicCredentials | Should -Be "alice:$ProxyPassword" }
        else { $tunnels[0].ProxyAuthorization | Should -BeNullOrEmpty }
        ($err | Format-List * -Force | Out-String) + ($err.Exception | Format-List * -Force | Out-String) | Should -Not -Match ([regex]::Escape($ProxyPassword))
    }

    It 'https to a remote name goes straight when no proxy is set: the name does not resolve, and no proxy is asked' {
        $err = $null
        try { Connect-Way 'none' $Remote } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.Unreachable,PortOne.Commands.ConnectPortOneCommand'
        $err.Exception.ConnectFailure | Should -Be 'NameNotResolved'
        $err.Exception.Proxy | Should -BeNullOrEmpty
        $proxy.Records + $authProxy.Records | Should -BeNullOrEmpty
    }

    It 'says a proxy that wants credentials it did not get, with what to give' {
        $err = $null
        try { Connect-PortOne -Credential $emu.Credential -ApiBaseUri $Remote -Proxy $authProxy.Uri -MaxRetries 0 -ErrorAction Stop } catch { $err = $_ }
        $err.Exception.ConnectFailure | Should -Be 'ProxyRefused'
        $err.Exception.HttpStatus | Should -Be 407
        $err.ErrorDetails.RecommendedAction | Should -Match '-ProxyCredential'
    }

    It 'https to this machine may go through the proxy, and TLS is still checked end to end through it' {
        $tls = [PortOne.TestSupport.TestTlsServer]::new()
        try {
            $err = $null
            try { Connect-PortOne -Credential $emu.Credential -ApiBaseUri $tls.Uri -Proxy $proxy.Uri -ErrorAction Stop } catch { $err = $_ }
            $err.Exception.ConnectFailure | Should -Be 'TlsFailed'
            @($proxy.Records).Count | Should -Be 1
            "$($proxy.Records[0])" | Should -Be "CONNECT 127.0.0.1:$($tls.Port) -> 200"
            $tls.Handshakes | Should -Be 1
        } finally { $tls.Dispose() }
    }

    It 'refuses plain http to a remote name before anything is sent, whatever the proxy' {
        { Connect-PortOne -Credential $emu.Credential -ApiBaseUri 'http://api.portone.test/' -Proxy $proxy.Uri -ErrorAction Stop } |
            Should -Throw -ErrorId 'PortOne.InsecureBaseUri,PortOne.Commands.ConnectPortOneCommand'
        $proxy.Records | Should -BeNullOrEmpty
    }

    It 'says in -Verbose when a proxy it was given is not used, and shows the connection without it' {
        $verbose = @(Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -Proxy $authProxy.Uri -ProxyCredential $alice -Verbose 4>&1 | ForEach-Object Message)
        $verbose[0] | Should -Be "Plain http to this machine never goes through a proxy: the proxy from Connect-PortOne -Proxy is not used for $($emu.BaseUri)."
        $env:PORTONE_PROXY = "http://alice:$ProxyPassword@127.0.0.1:$($authProxy.Uri.Port)/"
        $shown = Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -PassThru | Format-List | Out-String
        $shown | Should -Match 'ProxySource\s*:\s*None: plain http'
        $shown | Should -Not -Match ([regex]::Escape($ProxyPassword))
    }

    It 'refuses -ProxyCredential with -ProxyUseDefaultCredentials, and a PORTONE_PROXY that is not a URI, without echoing it' {
        { Connect-PortOne -Credential $emu.Credential -ApiBaseUri $Remote -Proxy $proxy.Uri -ProxyCredential $alice -ProxyUseDefaultCredentials -ErrorAction Stop } |
            Should -Throw -ErrorId 'PortOne.InvalidProxy,PortOne.Commands.ConnectPortOneCommand'
        $env:PORTONE_PROXY = "alice:$ProxyPassword"
        $err = $null
        try { Connect-PortOne -Credential $emu.Credential -ApiBaseUri $Remote -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.InvalidProxy,PortOne.Commands.ConnectPortOneCommand'
        $err.TargetObject | Should -Be 'PORTONE_PROXY'
        ($err | Out-String) | Should -Not -Match ([regex]::Escape($ProxyPassword))
        $proxy.Records | Should -BeNullOrEmpty
    }
}

Describe "The platform's proxy (HTTP_PROXY, HTTPS_PROXY in a new process's environment)" {
    BeforeAll {
        $script:proxy = [PortOne.TestSupport.RecordingProxy]::new()
        $script:authProxy = [PortOne.TestSupport.RecordingProxy]::new('alice', $ProxyPassword)
        # In the child: a read over plain http to the emulator, then a connection to a remote name over https.
        $script:childScript = @'
$secret = ConvertTo-SecureString $env:T_SECRET -AsPlainText -Force
$count = @(Get-PortOnePayment -Status Paid -First 2 -ErrorAction Stop).Count
$loopback = Get-PortOneConnection
Disconnect-PortOne
$remote = $null
try { Connect-PortOne -ImpKey $env:T_KEY -ImpSecret $secret -ApiBaseUri 'https://api.portone.test/' -MaxRetries 0 -ErrorAction Stop } catch { $remote = $_ }
[pscustomobject]@{
    Count = $count; LoopbackProxy = "$($loopback.Proxy)"; LoopbackSource = $loopback.ProxySource
    RemoteError = $remote.FullyQualifiedErrorId; RemoteFailure = "$($remote.Exception.ConnectFailure)"; RemoteProxy = "$($remote.Exception.Proxy)"
} | ConvertTo-Json -Compress
'@
        function script:ChildEnvironment([string] $ProxyUri) {
            @{
                HTTP_PROXY = $ProxyUri; HTTPS_PROXY = $ProxyUri
                PORTONE_IMP_KEY = $emu.ImpKey; PORTONE_IMP_SECRET = $emu.ImpSecret; PORTONE_API_BASE_URI = ($emu.BaseUri -replace '127\.0\.0\.1', 'localhost')
                T_KEY = $emu.ImpKey; T_SECRET = $emu.ImpSecret
            }
        }
    }
    AfterAll { $proxy.Dispose(); $authProxy.Dispose() }

    It 'keeps plain http to this machine off the proxy, and sends https through it' {
        $result = Invoke-Isolated (ChildEnvironment $proxy.Uri.ToString()) $childScript
        $result.Count | Should -Be 2
        $records = @($proxy.Records)
        $records | Where-Object Method -ne 'CONNECT' | Should -BeNullOrEmpty -Because 'getToken to http://localhost carries the secret in clear text'
        $records.Count | Should -Be 1 -Because 'only the https connection may use the proxy'
        "$($records[0])" | Should -Be 'CONNECT api.portone.test:443 -> 502'
        $result.LoopbackProxy | Should -BeNullOrEmpty
        $result.LoopbackSource | Should -Match '^None: plain http'
        $result.RemoteFailure | Should -Be 'ProxyRefused'
        $result.RemoteProxy | Should -Be $proxy.Uri.ToString()
    }

    It 'answers the proxy with the credentials HTTPS_PROXY carries' {
        $withCredentials = "http://alice:$ProxyPassword@127.0.0.1:$($authProxy.Uri.Port)/"
        $result = Invoke-Isolated (ChildEnvironment $withCredentials) $childScript
        $result.Count | Should -Be 2
        $result.RemoteProxy | Should -Be $authProxy.Uri.ToString() -Because 'shown without its password'
        @($authProxy.Records | Where-Object { $_.Method -ne 'CONNECT' }) | Should -BeNullOrEmpty
        @($authProxy.Records | Where-Object BasicCredentials -eq "alice:$ProxyPassword").Count | Should -Be 1
    }
}

Describe 'Over https through a proxy, end to end (a new process that trusts a test certificate)' -Skip:(-not $IsLinux) {
    # The emulator behind a TLS front for api.portone.test, which the proxies tunnel that name to. The child trusts the
    # front's certificate through SSL_CERT_FILE (honoured by .NET on Linux only), so the whole path is real: CONNECT,
    # proxy credentials, TLS with a checked certificate, getToken and pages, and Get-PortOneConnection at the end.
    BeforeAll {
        $script:front = [PortOne.TestSupport.TestTlsServer]::new('api.portone.test', ([uri]$emu.BaseUri).Port)
        $script:trust = Join-Path $TestDrive 'portone-test-ca.pem'
        Set-Content -LiteralPath $trust -Value $front.CertificatePem
        $script:proxy = [PortOne.TestSupport.RecordingProxy]::new()
        $script:authProxy = [PortOne.TestSupport.RecordingProxy]::new('alice', $ProxyPassword)
        foreach ($p in $proxy, $authProxy) { $p.MapHost('api.portone.test:443', $front.Port) }
        $script:withPassword = "http://alice:$ProxyPassword@127.0.0.1:$($authProxy.Uri.Port)/"
        $script:childBase = @{ SSL_CERT_FILE = $trust; T_KEY = $emu.ImpKey; T_SECRET = $emu.ImpSecret }
        # Reads three payments in the child, and reports what it read and what Get-PortOneConnection shows.
        $script:readAndShow = @'
function Report($Label) {
    $count = @(Get-PortOnePayment -Status Paid -First 3 -ErrorAction Stop).Count
    $c = Get-PortOneConnection
    [pscustomobject]@{ Label = $Label; Count = $count; Proxy = "$($c.Proxy)"; ProxyUser = $c.ProxyUser; ProxySource = $c.ProxySource; Source = $c.Source
                       Shown = ($c | Format-List * | Out-String) }
}
$secret = ConvertTo-SecureString $env:T_SECRET -AsPlainText -Force
'@
    }
    AfterAll { $proxy.Dispose(); $authProxy.Dispose(); $front.Dispose() }
    BeforeEach { $proxy.Clear(); $authProxy.Clear(); Reset-EmulatorRequest $emu }

    It 'reads through -Proxy, through PORTONE_PROXY with its credentials, and with -ProxyUseDefaultCredentials, and shows the proxy without the password' {
        $script = $readAndShow + "`n" + @'
Connect-PortOne -ImpKey $env:T_KEY -ImpSecret $secret -ApiBaseUri 'https://api.portone.test/' -Proxy $env:T_PROXY -ErrorAction Stop
$a = Report '-Proxy'
Connect-PortOne -ImpKey $env:T_KEY -ImpSecret $secret -ApiBaseUri 'https://api.portone.test/' -ErrorAction Stop
$b = Report 'PORTONE_PROXY'
Connect-PortOne -ImpKey $env:T_KEY -ImpSecret $secret -ApiBaseUri 'https://api.portone.test/' -Proxy $env:T_PROXY -ProxyUseDefaultCredentials -ErrorAction Stop
$c = Report '-ProxyUseDefaultCredentials'
@($a, $b, $c) | ConvertTo-Json -Compress
'@
        $results = Invoke-Isolated ($childBase + @{ T_PROXY = $proxy.Uri.ToString(); PORTONE_PROXY = $withPassword }) $script
        $results[0].Count | Should -Be 3
        $results[0].Proxy | Should -Be $proxy.Uri.ToString()
        $results[0].ProxySource | Should -Be 'Connect-PortOne -Proxy'
        $results[0].ProxyUser | Should -BeNullOrEmpty
        $results[1].Count | Should -Be 3
        $results[1].Proxy | Should -Be $authProxy.Uri.ToString()
        $results[1].ProxySource | Should -Be 'PORTONE_PROXY'
        $results[1].ProxyUser | Should -Be 'alice'
        $results[2].Count | Should -Be 3 -Because 'a proxy that asks for nothing gets nothing, default credentials or not'
        $results[2].ProxyUser | Should -Be 'DefaultCredentials'
        $results.Shown | Should -Not -Match ([regex]::Escape($ProxyPassword))
        # Each proxy carried tunnels to the API's name only, and the one that asked got the credentials.
        @($proxy.Records).Count | Should -BeGreaterThan 0
        $proxy.Records | ForEach-Object { "$_" | Should -Be 'CONNECT api.portone.test:443 -> 200' }
        @($authProxy.Records | Where-Object Answer -eq 200).Count | Should -BeGreaterThan 0
        $authProxy.Records | Where-Object Answer -eq 200 | ForEach-Object { $_.BasicCredentials | Should -Be "alice:$ProxyPassword" }
        ($proxy.Records + $authProxy.Records).Body | Where-Object { $_ } | Should -BeNullOrEmpty
        # ... and what they carried really reached the API: the token and the pages, twice.
        @(Get-EmulatorRequest $emu -PathLike '/users/getToken').Count | Should -Be 3
        @(Get-EmulatorRequest $emu -PathLike '/payments/status/*').Count | Should -Be 3
    }

    It 'reads through the platform''s proxy (HTTPS_PROXY with credentials) from the PORTONE_* variables, and keeps http to this machine off it' {
        $script = $readAndShow + "`n" + @'
$remote = Report 'environment'
Connect-PortOne -ImpKey $env:T_KEY -ImpSecret $secret -ApiBaseUri $env:T_LOOPBACK -ErrorAction Stop
$loopback = Report 'loopback'
@($remote, $loopback) | ConvertTo-Json -Compress
'@
        $environment = $childBase + @{
            HTTPS_PROXY = $withPassword; HTTP_PROXY = $withPassword
            PORTONE_IMP_KEY = $emu.ImpKey; PORTONE_IMP_SECRET = $emu.ImpSecret; PORTONE_API_BASE_URI = 'https://api.portone.test/'
            T_LOOPBACK = $emu.BaseUri -replace '127\.0\.0\.1', 'localhost'
        }
        $results = Invoke-Isolated $environment $script
        $results[0].Count | Should -Be 3
        $results[0].Source | Should -Be 'Environment'
        $results[0].Proxy | Should -Be $authProxy.Uri.ToString()
        $results[0].ProxySource | Should -Be 'Platform default'
        $results[0].ProxyUser | Should -Be 'alice'
        $results[1].Count | Should -Be 3
        $results[1].Proxy | Should -BeNullOrEmpty
        $results.Shown | Should -Not -Match ([regex]::Escape($ProxyPassword))
        $authProxy.Records | ForEach-Object { $_.Method | Should -Be 'CONNECT' } # never the plain http getToken to localhost
        @(Get-EmulatorRequest $emu -PathLike '/users/getToken').Count | Should -Be 2
    }
}

Describe 'Addresses that cannot be reached' {
    AfterEach { Disconnect-PortOne }

    It 'says at once that nothing listens on the port, naming the address and what to check' {
        $port = ClosedPort
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = $null
        try { Connect-PortOne -Credential $emu.Credential -ApiBaseUri "http://127.0.0.1:$port/" -ErrorAction Stop } catch { $err = $_ }
        $watch.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'a refusal gets one quick retry, not six tries over 8 to 16 s'
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.Unreachable,PortOne.Commands.ConnectPortOneCommand'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.ErrorDetails.Message | Should -Match "127\.0\.0\.1:$port"
        $err.ErrorDetails.Message | Should -Match 'refused'
        $err.ErrorDetails.RecommendedAction | Should -Match '-ApiBaseUri'
        $err.ErrorDetails.RecommendedAction | Should -Match 'PORTONE_API_BASE_URI'
        $err.ErrorDetails.RecommendedAction | Should -Not -Match 'MaxRetries'
    }

    It 'says a name that does not resolve, and the proxy setting as a way out' {
        $err = $null
        try { Connect-PortOne -Credential $emu.Credential -ApiBaseUri 'https://api.portone.invalid/' -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.Unreachable,PortOne.Commands.ConnectPortOneCommand'
        $err.ErrorDetails.Message | Should -Match "'api\.portone\.invalid' does not resolve"
        $err.ErrorDetails.RecommendedAction | Should -Match 'PORTONE_PROXY'
    }

    It 'says TLS failing its checks at once, and never retries it' {
        $tls = [PortOne.TestSupport.TestTlsServer]::new()
        try {
            $err = $null
            try { Connect-PortOne -Credential $emu.Credential -ApiBaseUri $tls.Uri -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -Be 'PortOne.Unreachable,PortOne.Commands.ConnectPortOneCommand'
            $err.Exception.ConnectFailure | Should -Be 'TlsFailed'
            $err.ErrorDetails.RecommendedAction | Should -Match 'root certificate'
            $tls.Handshakes | Should -Be 1
        } finally { $tls.Dispose() }
    }

    It 'says it for a connection made from the environment variables too, naming the variable' {
        $saved = $env:PORTONE_IMP_KEY, $env:PORTONE_IMP_SECRET, $env:PORTONE_API_BASE_URI
        $env:PORTONE_IMP_KEY = $emu.ImpKey; $env:PORTONE_IMP_SECRET = $emu.ImpSecret; $env:PORTONE_API_BASE_URI = "http://127.0.0.1:$(ClosedPort)/"
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:PORTONE_TEST_MODULE'; Get-PortOnePayment -First 1").Invoke()
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -Be 'PortOne.Unreachable,PortOne.Commands.GetPortOnePaymentCommand'
            $ps.Streams.Error[0].ErrorDetails.RecommendedAction | Should -Match 'PORTONE_API_BASE_URI'
        } finally {
            $ps.Dispose()
            $env:PORTONE_IMP_KEY, $env:PORTONE_IMP_SECRET, $env:PORTONE_API_BASE_URI = $saved
        }
    }

    It '-Verbose shows the first failure as it happens, not when the command ends' {
        # A server that takes the connection and never answers: each try times out after -TimeoutSec 1.
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()
        $ps = [powershell]::Create()
        try {
            $seen = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Streams.Verbose.add_DataAdded({ param($s, $e) $seen.Enqueue([pscustomobject]@{ At = $watch.Elapsed.TotalSeconds; Text = $s[$e.Index].Message }) }.GetNewClosure())
            $null = $ps.AddScript("Import-Module '$env:PORTONE_TEST_MODULE'; Connect-PortOne -Credential `$args[0] -ApiBaseUri 'http://127.0.0.1:$($silent.LocalEndpoint.Port)/' -TimeoutSec 1 -MaxRetries 2 -Verbose").AddArgument($emu.Credential)
            $null = $ps.Invoke()
            $ended = $watch.Elapsed.TotalSeconds
        } finally { $ps.Dispose(); $silent.Stop() }
        $first = @($seen | Where-Object Text -Match '^POST /users/getToken -> no answer in \d+ ms: no answer within 1 s')[0]
        $first | Should -Not -BeNullOrEmpty
        $ended - $first.At | Should -BeGreaterThan 1.5 -Because 'the first failure is written while the retries are still under way'
        @($seen | Where-Object Text -Match '^Retry 1 of 2 for /users/getToken').Count | Should -Be 1
    }
}

Describe "PortOne's clock when this machine's is off by <Name>" -ForEach @(
    @{ Name = 'PortOne 30 minutes ahead'; Skew = 1800 }
    @{ Name = 'PortOne 30 minutes behind'; Skew = -1800 }
) {
    BeforeAll {
        $script:skewed = Start-PortOneEmulator -ArgumentList '--payments', '3000', '--seed', '22', '--span-days', '2', '--clock-skew', $Skew
        Connect-PortOne -Credential $skewed.Credential -ApiBaseUri $skewed.BaseUri -MaxRetries 1
        function script:PortOneNow {
            # The emulator's own time, from its Date header (whole seconds).
            $date = (Invoke-WebRequest ($skewed.BaseUri + '__emulator/stats')).Headers['Date'] | Select-Object -First 1
            [DateTimeOffset]::Parse($date, [cultureinfo]::InvariantCulture).ToUnixTimeSeconds()
        }
        function script:LocalTime([long] $Unix) { [DateTimeOffset]::FromUnixTimeSeconds($Unix).LocalDateTime }
    }
    AfterAll {
        Disconnect-PortOne
        $skewed | Stop-PortOneEmulator
    }

    It 'learns the difference and names it in -Verbose' {
        $verbose = @(Connect-PortOne -Credential $skewed.Credential -ApiBaseUri $skewed.BaseUri -MaxRetries 1 -Verbose 4>&1 | ForEach-Object Message)
        $direction = if ($Skew -gt 0) { 'behind' } else { 'ahead of' }
        @($verbose -match "^This machine's clock is (29 min 5[0-9]|30 min [0-9]) s $direction PortOne's \(more than 5 s\)").Count | Should -Be 1
        (Get-PortOneConnection).ClockOffset.TotalSeconds | Should -BeGreaterThan ($Skew - 3)
        (Get-PortOneConnection).ClockOffset.TotalSeconds | Should -BeLessThan ($Skew + 3)
        @(Get-PortOnePayment -First 1 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match "^This machine's clock" }).Count |
            Should -Be 1 -Because 'every command that goes by PortOne''s clock says so'
    }

    It 'ends a range that ends now at PortOne''s now' {
        $now = PortOneNow
        $from = $now - 3 * 3600
        $got = @(Get-PortOnePayment -From (LocalTime $from) -ErrorAction Stop).ImpUid
        $expected = Get-EmulatorSnapshot $skewed -Status all -From $from -To (PortOneNow)
        $expected.Count | Should -BeGreaterThan 100
        ($got | Sort-Object) | Should -Be ($expected | Sort-Object)
    }

    It 'checks that -From is not in the future by PortOne''s clock' {
        $err = $null
        # Ten minutes after PortOne's now: in the future however this machine's clock stands.
        try { $null = Get-PortOnePayment -From (LocalTime ((PortOneNow) + 600)) -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.InvalidDateRange,PortOne.Commands.GetPortOnePaymentCommand'
        $err.ErrorDetails.Message | Should -Match "PortOne's clock says"
        # Ten minutes before it: in the past by PortOne's clock, whatever this machine's says; the payments since are read.
        $from = (PortOneNow) - 600
        $expected = @(Get-EmulatorSnapshot $skewed -Status all -From $from)
        $burst = Add-EmulatorBurst $skewed -At ($from + 60) -Count 2
        @(Get-PortOnePayment -From (LocalTime $from) -ErrorAction Stop).ImpUid | Sort-Object | Should -Be (@($expected) + $burst | Sort-Object)
    }

    It 'ends each checkpoint run at PortOne''s now minus the lag, so the next run writes what arrived since' {
        $cp = Join-Path $TestDrive "clock$Skew.checkpoint"
        $t0 = PortOneNow
        $before = Add-EmulatorBurst $skewed -At ($t0 - 300) -Count 3  # five minutes ago by PortOne's clock
        $first = @(Get-PortOnePayment -Checkpoint $cp -NewCheckpoint -From (LocalTime ($t0 - 3600)) -SettleLag '00:00:02' -RefundHorizon 0 -ErrorAction Stop).ImpUid
        foreach ($id in $before) { $first | Should -Contain $id }
        $t1 = PortOneNow
        $after = Add-EmulatorBurst $skewed -At ($t1 - 1) -Count 3        # after the first run's end (at most t1 - 2)
        Start-Sleep -Seconds 3                                          # ... and before the second run's
        $second = @(Get-PortOnePayment -Checkpoint $cp -SettleLag '00:00:02' -RefundHorizon 0 -ErrorAction Stop).ImpUid
        ($second | Sort-Object) | Should -Be ($after | Sort-Object) -Because 'a run writes what arrived since the last one, once'
    }
}
