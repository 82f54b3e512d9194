# Connect-PortOne, Disconnect-PortOne, Get-PortOneConnection; tokens; secrets never shown.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '3000', '--seed', '5', '--token-lifetime', '3' -ImpKey 'imp_key_alpha' -ImpSecret 'S3cr3t-alpha-do-not-show'
    $script:other = Start-PortOneEmulator -ArgumentList '--payments', '500', '--seed', '99' -ImpKey 'imp_key_beta' -ImpSecret 'S3cr3t-beta-do-not-show'
    function script:NewChildShell {
        # A runspace of its own: no connection made by this file's tests.
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$env:PORTONE_TEST_MODULE'")
        $null = $ps.Invoke(); $ps.Commands.Clear()
        $ps
    }
}
AfterAll {
    Disconnect-PortOne
    $emu, $other | Stop-PortOneEmulator
}

Describe 'Connect-PortOne' {
    AfterEach { Disconnect-PortOne }

    It 'connects with -Credential and shows the connection without secrets' {
        $info = Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -PassThru
        $info.ApiBaseUri | Should -Be $emu.BaseUri
        $info.ImpKey | Should -Be 'imp_********'
        $info.TokenExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::Now)
        (Get-PortOneConnection).Source | Should -Be 'Connect-PortOne'
        (Get-PortOneConnection | Format-List * | Out-String) | Should -Not -Match 'S3cr3t'
    }

    It 'says the token request in -Verbose between what it does and what it got' {
        $verbose = @(Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -Verbose 4>&1 | ForEach-Object Message)
        $verbose.Count | Should -Be 3
        $verbose[0] | Should -Match '^Getting an access token from '
        $verbose[1] | Should -Match '^POST /users/getToken -> 200 in \d+ ms$'
        $verbose[2] | Should -Match '^Connected; the token expires at '
    }

    It 'takes -MaxRetries and -TimeoutSec from the client options when they are left out' {
        $defaults = [PortOne.PortOneClientOptions]::new([System.Net.NetworkCredential]::new('k', 's'))
        $info = Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -PassThru
        $info.MaxRetries | Should -Be $defaults.MaxRetries
        $info.TimeoutSec | Should -Be $defaults.RequestTimeout.TotalSeconds
        $info = Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -MaxRetries 0 -TimeoutSec 7 -PassThru
        $info.MaxRetries | Should -Be 0
        $info.TimeoutSec | Should -Be 7
    }

    It 'connects with -ImpKey and -ImpSecret' {
        Connect-PortOne -ImpKey $emu.ImpKey -ImpSecret $emu.Credential.Password -ApiBaseUri $emu.BaseUri
        @(Get-PortOnePayment -First 1).Count | Should -Be 1
    }

    It 'says wrong credentials at connect time' {
        $wrong = [pscredential]::new('imp_key_alpha', (ConvertTo-SecureString 'nope' -AsPlainText -Force))
        { Connect-PortOne -Credential $wrong -ApiBaseUri $emu.BaseUri -ErrorAction Stop } |
            Should -Throw -ErrorId 'PortOne.AuthenticationFailed,PortOne.Commands.ConnectPortOneCommand'
        Get-PortOneConnection | Should -BeNullOrEmpty
    }

    It 'refuses plain http to a remote host before sending anything' {
        { Connect-PortOne -Credential $emu.Credential -ApiBaseUri 'http://portone.example.com/' -ErrorAction Stop } |
            Should -Throw -ErrorId 'PortOne.InsecureBaseUri,PortOne.Commands.ConnectPortOneCommand'
    }

    It 'sends -Tier on every call' {
        Reset-EmulatorRequest $emu
        Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -Tier 'T0042'
        $null = Get-PortOnePayment -First 3
        $requests = @(Get-EmulatorRequest $emu)
        $requests.Count | Should -BeGreaterOrEqual 2
        $requests.tier | Select-Object -Unique | Should -Be 'T0042'
    }

    It 'refuses a Tier with <Name> before sending anything' -ForEach @(
        @{ Name = 'a carriage return'; Tier = "T0042`r" }
        @{ Name = 'a line feed and a second header'; Tier = "T0042`nX-Injected: 1" }
        @{ Name = 'a NUL'; Tier = "T00`u{0}42" }
    ) {
        Reset-EmulatorRequest $emu
        $thrown = $null
        try { Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -Tier $Tier -ErrorAction Stop } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'PortOne.InvalidTier,PortOne.Commands.ConnectPortOneCommand'
        $thrown.ErrorDetails.Message | Should -Match 'control character'
        $thrown.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $thrown.TargetObject | Should -BeExactly $Tier
        @(Get-EmulatorRequest $emu) | Should -BeNullOrEmpty
        Get-PortOneConnection | Should -BeNullOrEmpty
    }

    It 'finishes a long export that outlives several token lifetimes' {
        Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri
        Set-EmulatorFault $emu @{ latencyMs = 400 }
        try {
            Reset-EmulatorRequest $emu
            $to = Get-Date
            $all = @(Get-PortOnePayment -Status All -From $to.AddDays(-300) -To $to -PageSize 100 -ThrottleLimit 1 -ErrorAction Stop)
        } finally { Set-EmulatorFault $emu @{} }
        $expected = Get-EmulatorSnapshot $emu -Status all -From ([DateTimeOffset]$to.AddDays(-300)).ToUnixTimeSeconds() -To ([DateTimeOffset]$to).ToUnixTimeSeconds()
        ($all.ImpUid | Sort-Object) | Should -Be ($expected | Sort-Object)
        @(Get-EmulatorRequest $emu -PathLike '/users/getToken').Count | Should -BeGreaterThan 2
    }
}

Describe 'A connection dropped from the session' {
    BeforeAll {
        function script:Get-SessionClient {
            # The client this session's connection holds (internal to the module, so by reflection).
            $store = [PortOne.Commands.PortOneCmdlet].Assembly.GetType('PortOne.Connection.ConnectionStore', $true)
            $connection = $store.GetProperty('Current').GetValue($null)
            if ($connection) { $connection.GetType().GetProperty('Client').GetValue($connection) }
        }
        function script:Test-Disposed([PortOne.PortOneClient] $Client) {
            try { $null = $Client.ConnectAsync($null, [Threading.CancellationToken]::None); $false }
            catch { $_.Exception.InnerException -is [ObjectDisposedException] }
        }
    }
    AfterEach { Disconnect-PortOne }

    It 'disposes its client on a second Connect-PortOne, and the new one works' {
        Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri
        $first = Get-SessionClient
        Test-Disposed $first | Should -BeFalse
        Connect-PortOne -Credential $other.Credential -ApiBaseUri $other.BaseUri
        $second = Get-SessionClient
        [object]::ReferenceEquals($first, $second) | Should -BeFalse
        Test-Disposed $first | Should -BeTrue
        Test-Disposed $second | Should -BeFalse
        @(Get-PortOnePayment -First 1 -ErrorAction Stop).Count | Should -Be 1
    }

    It 'disposes its client on Disconnect-PortOne' {
        Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri
        $client = Get-SessionClient
        Disconnect-PortOne
        Get-SessionClient | Should -BeNullOrEmpty
        Test-Disposed $client | Should -BeTrue
    }

    It 'keeps its client for a read still under way, and disposes it when the read is done' {
        # Disconnect-PortOne further down the pipeline drops the connection while Get-PortOnePayment still reads pages.
        Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri
        $client = Get-SessionClient
        Reset-EmulatorRequest $emu
        $read = @(Get-PortOnePayment -Status Paid -PageSize 1 -ThrottleLimit 1 -First 8 -ErrorVariable failed -ErrorAction SilentlyContinue |
            ForEach-Object { Disconnect-PortOne; $_ })
        $failed | Should -BeNullOrEmpty
        $read.Count | Should -Be 8
        @(Get-EmulatorRequest $emu -PathLike '/payments/status/*').Count | Should -BeGreaterOrEqual 8 -Because 'one page per payment: most were requested after the disconnect'
        Test-Disposed $client | Should -BeTrue
    }
}

Describe 'Redirects are never followed' {
    # $other stands for wherever a hostile or misconfigured front points: it records every request that reaches it.
    AfterEach { Set-EmulatorFault $emu @{}; Disconnect-PortOne }

    It 'stops at a 307 from getToken, says where it pointed, and sends the secret nowhere' {
        Reset-EmulatorRequest $emu; Reset-EmulatorRequest $other
        Set-EmulatorFault $emu @{ redirectTo = $other.BaseUri }
        $thrown = $null
        try { Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -ErrorAction Stop } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'PortOne.Redirected,PortOne.Commands.ConnectPortOneCommand'
        $thrown.ErrorDetails.Message | Should -Match ([regex]::Escape("$($other.BaseUri)users/getToken"))
        $thrown.ErrorDetails.Message | Should -Match 'HTTP 307'
        $thrown.ErrorDetails.RecommendedAction | Should -Match 'ApiBaseUri'
        (Get-EmulatorRequest $emu -PathLike '/users/getToken').status | Should -Be 307 -Because 'the redirect was really sent'
        @(Get-EmulatorRequest $other) | Should -BeNullOrEmpty -Because 'nothing may reach where the redirect pointed'
        Get-PortOneConnection | Should -BeNullOrEmpty
    }

    It 'stops at a 307 from a payments page and sends nothing there' {
        Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -Tier 'T0042'
        Reset-EmulatorRequest $emu; Reset-EmulatorRequest $other
        Set-EmulatorFault $emu @{ redirectTo = $other.BaseUri }
        $thrown = $null
        try { Get-PortOnePayment -Status Paid -First 5 -ErrorAction Stop } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'PortOne.Redirected,PortOne.Commands.GetPortOnePaymentCommand'
        $thrown.ErrorDetails.Message | Should -Match ([regex]::Escape("$($other.BaseUri)payments/status/paid?page=1"))
        @(Get-EmulatorRequest $emu -PathLike '/payments/*').Count | Should -Be 1 -Because 'a redirect is not retried'
        @(Get-EmulatorRequest $other) | Should -BeNullOrEmpty
    }
}

Describe 'Unattended connection from the environment' {
    BeforeEach {
        $script:saved = @{}
        foreach ($name in 'PORTONE_IMP_KEY', 'PORTONE_IMP_SECRET', 'PORTONE_API_BASE_URI', 'PORTONE_TIER') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
    }
    AfterEach { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }

    It 'connects from PORTONE_* variables when Connect-PortOne was never called' {
        $env:PORTONE_IMP_KEY = $emu.ImpKey; $env:PORTONE_IMP_SECRET = $emu.ImpSecret; $env:PORTONE_API_BASE_URI = $emu.BaseUri
        $ps = NewChildShell
        try {
            $result = $ps.AddScript('@(Get-PortOnePayment -First 2).Count; (Get-PortOneConnection).Source').Invoke()
            $result[0] | Should -Be 2
            $result[1] | Should -Be 'Environment'
        } finally { $ps.Dispose() }
    }

    It 'refuses a PORTONE_API_BASE_URI that would send the secret in clear text' {
        $env:PORTONE_IMP_KEY = $emu.ImpKey; $env:PORTONE_IMP_SECRET = $emu.ImpSecret; $env:PORTONE_API_BASE_URI = 'http://portone.example.com/'
        $ps = NewChildShell
        try {
            $null = $ps.AddScript('Get-PortOnePayment -First 1').Invoke()
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -Be 'PortOne.InsecureBaseUri,PortOne.Commands.GetPortOnePaymentCommand'
        } finally { $ps.Dispose() }
    }

    It 'follows PORTONE_TIER in a loop: each tier is read with its own Tier header' {
        $env:PORTONE_IMP_KEY = $emu.ImpKey; $env:PORTONE_IMP_SECRET = $emu.ImpSecret; $env:PORTONE_API_BASE_URI = $emu.BaseUri
        Reset-EmulatorRequest $emu
        $ps = NewChildShell
        try {
            $seen = $ps.AddScript('foreach ($t in "T-A", "T-B", "T-C") { $env:PORTONE_TIER = $t; $null = Get-PortOnePayment -Status Paid -First 3; (Get-PortOneConnection).Tier }').Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
        } finally { $ps.Dispose() }
        @($seen) | Should -Be 'T-A', 'T-B', 'T-C'
        $pages = @(Get-EmulatorRequest $emu -PathLike '/payments/status/*')
        $pages.Count | Should -Be 3
        $pages.tier | Should -Be 'T-A', 'T-B', 'T-C'
    }

    It 'picks up a rotated secret, key and address on the next command' {
        $env:PORTONE_IMP_KEY = $emu.ImpKey; $env:PORTONE_IMP_SECRET = 'S3cr3t-rotated-away'; $env:PORTONE_API_BASE_URI = $emu.BaseUri
        $ps = NewChildShell
        try {
            $null = $ps.AddScript('Get-PortOnePayment -First 1').Invoke()
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -Be 'PortOne.AuthenticationFailed,PortOne.Commands.GetPortOnePaymentCommand'
            $ps.Commands.Clear(); $ps.Streams.Error.Clear()

            $env:PORTONE_IMP_SECRET = $emu.ImpSecret
            @($ps.AddScript('Get-PortOnePayment -First 2').Invoke()).Count | Should -Be 2
            $ps.Streams.Error | Should -BeNullOrEmpty
            $ps.Commands.Clear()

            Reset-EmulatorRequest $other
            $env:PORTONE_IMP_KEY = $other.ImpKey; $env:PORTONE_IMP_SECRET = $other.ImpSecret; $env:PORTONE_API_BASE_URI = $other.BaseUri
            $info = $ps.AddScript('$null = Get-PortOnePayment -Status Paid -First 2; Get-PortOneConnection').Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $info[0].ApiBaseUri | Should -Be $other.BaseUri
            @(Get-EmulatorRequest $other -PathLike '/payments/*').Count | Should -Be 1
        } finally { $ps.Dispose() }
    }

    It 'keeps a Connect-PortOne connection whatever the variables say' {
        $env:PORTONE_IMP_KEY = $other.ImpKey; $env:PORTONE_IMP_SECRET = $other.ImpSecret; $env:PORTONE_API_BASE_URI = $other.BaseUri
        Reset-EmulatorRequest $emu; Reset-EmulatorRequest $other
        $ps = NewChildShell
        try {
            $null = $ps.AddScript('param($c, $u) Connect-PortOne -Credential $c -ApiBaseUri $u -Tier T-MINE').AddArgument($emu.Credential).AddArgument($emu.BaseUri).Invoke()
            $ps.Commands.Clear()
            $env:PORTONE_TIER = 'T-ENV'
            $info = $ps.AddScript('$null = Get-PortOnePayment -First 2; Get-PortOneConnection').Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
        } finally { $ps.Dispose() }
        $info[0].Source | Should -Be 'Connect-PortOne'
        $tiers = @((Get-EmulatorRequest $emu -PathLike '/payments/*').tier)
        $tiers.Count | Should -BeGreaterThan 0
        $tiers | Select-Object -Unique | Should -Be 'T-MINE'
        @(Get-EmulatorRequest $other) | Should -BeNullOrEmpty
    }

    It 'forgets the connection made from the variables once they are removed' {
        $env:PORTONE_IMP_KEY = $emu.ImpKey; $env:PORTONE_IMP_SECRET = $emu.ImpSecret; $env:PORTONE_API_BASE_URI = $emu.BaseUri
        $ps = NewChildShell
        try {
            @($ps.AddScript('Get-PortOnePayment -First 1').Invoke()).Count | Should -Be 1
            $ps.Commands.Clear()
            $env:PORTONE_IMP_SECRET = $null
            @($ps.AddScript('Get-PortOneConnection').Invoke()) | Should -BeNullOrEmpty -Because 'a connection the variables no longer describe is not shown as current'
            $ps.Commands.Clear()
            $null = $ps.AddScript('Get-PortOnePayment -First 1').Invoke()
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -Be 'PortOne.NotConnected,PortOne.Commands.GetPortOnePaymentCommand'
        } finally { $ps.Dispose() }
    }

    It 'refuses a PORTONE_TIER with a control character, naming the variable' {
        $env:PORTONE_IMP_KEY = $emu.ImpKey; $env:PORTONE_IMP_SECRET = $emu.ImpSecret; $env:PORTONE_API_BASE_URI = $emu.BaseUri
        $env:PORTONE_TIER = "T0042`r"
        Reset-EmulatorRequest $emu
        $ps = NewChildShell
        try {
            $null = $ps.AddScript('Get-PortOnePayment -First 1').Invoke()
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -Be 'PortOne.InvalidTier,PortOne.Commands.GetPortOnePaymentCommand'
            $ps.Streams.Error[0].TargetObject | Should -Be 'PORTONE_TIER'
        } finally { $ps.Dispose() }
        @(Get-EmulatorRequest $emu) | Should -BeNullOrEmpty
    }

    It 'says how to connect when there is no credential at all' {
        $ps = NewChildShell
        try {
            $null = $ps.AddScript('Get-PortOnePayment -First 1').Invoke()
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -Be 'PortOne.NotConnected,PortOne.Commands.GetPortOnePaymentCommand'
            $ps.Streams.Error[0].ErrorDetails.RecommendedAction | Should -Match 'PORTONE_IMP_KEY'
        } finally { $ps.Dispose() }
    }
}

Describe 'Connections belong to their runspace' {
    It 'keeps two parallel runspaces on their own connections' {
        # A barrier, not a sleep: both runspaces are connected before either reads, and both have read before
        # either ends, so each reads while the other's connection exists.
        $barrier = [System.Threading.Barrier]::new(2)
        $jobs = @(
            @{ Uri = $emu.BaseUri; Credential = $emu.Credential },
            @{ Uri = $other.BaseUri; Credential = $other.Credential }
        ) | ForEach-Object -ThrottleLimit 2 -Parallel {
            $meet = $using:barrier
            Import-Module $using:env:PORTONE_TEST_MODULE
            Connect-PortOne -Credential $_.Credential -ApiBaseUri $_.Uri
            $connected = $meet.SignalAndWait([TimeSpan]::FromSeconds(60))
            $result = [pscustomobject]@{ Uri = $_.Uri; Met = $connected; Seen = (Get-PortOneConnection).ApiBaseUri.ToString(); Ids = @(Get-PortOnePayment -First 20).ImpUid }
            $result.Met = $result.Met -and $meet.SignalAndWait([TimeSpan]::FromSeconds(60))
            $result
        }
        $barrier.Dispose()
        $jobs.Count | Should -Be 2
        $jobs.Met | Should -Be @($true, $true) -Because 'the two runspaces overlapped'
        foreach ($job in $jobs) { $job.Seen | Should -Be $job.Uri }
        $first = $jobs | Where-Object Uri -eq $emu.BaseUri
        $second = $jobs | Where-Object Uri -eq $other.BaseUri
        Compare-Object $first.Ids $second.Ids -IncludeEqual -ExcludeDifferent | Should -BeNullOrEmpty
        Get-PortOneConnection | Should -BeNullOrEmpty # nothing leaked into this runspace
    }
}

Describe 'Secrets never appear' {
    It 'shows neither the secret nor a token in any stream, error or $Error' {
        Reset-EmulatorRequest $emu
        $Error.Clear()
        $streams = & {
            Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -Verbose -Debug -PassThru
            Get-PortOneConnection -Verbose -Debug
            Get-PortOnePayment -Status Paid -First 5 -Verbose -Debug
            # The server ends the token: the module refreshes it (401, then getToken) and goes on with the new one.
            $null = Invoke-EmulatorControl $emu 'tokens/expire' -Method Post
            Get-PortOnePayment -Status Paid -First 5 -Verbose -Debug
            Get-PortOneConnection -Verbose -Debug
            Get-PortOnePayment -ImpUid 'imp_missing' -Verbose -Debug -ErrorAction Continue
            try { Connect-PortOne -Credential ([pscredential]::new('imp_key_alpha', (ConvertTo-SecureString 'S3cr3t-wrong' -AsPlainText -Force))) -ApiBaseUri $emu.BaseUri -Verbose -Debug }
            catch { $_ }
            Disconnect-PortOne -Verbose -Debug
        } *>&1 | Out-String -Width 500
        $everything = $streams + ($Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }) -join "`n"
        $Error.Count | Should -BeGreaterThan 0 -Because 'the lookup and the wrong login were errors'
        $everything | Should -Not -Match 'S3cr3t'
        # The tokens the module itself used, as the server saw them: the first one and the refreshed one.
        $tokens = @(Get-EmulatorRequest $emu | Where-Object token | ForEach-Object token | Select-Object -Unique)
        $tokens.Count | Should -BeGreaterOrEqual 2 -Because 'the module refreshed its token at least once'
        foreach ($token in $tokens) { $everything | Should -Not -Match ([regex]::Escape($token)) }
        $everything | Should -Match 'GET /payments/status/paid' -Because 'the verbose stream was captured'
    }
}
