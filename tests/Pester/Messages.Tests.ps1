# The messages a new user meets in the first hour: each says what happened in their terms, and what to fix where
# they can fix it.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '500', '--seed', '23' -ImpKey 'imp_key_gamma' -ImpSecret 'S3cr3t-gamma-do-not-show'
    $script:variables = 'PORTONE_IMP_KEY', 'PORTONE_IMP_SECRET', 'PORTONE_API_BASE_URI', 'PORTONE_TIER'

    function script:Invoke-InNewSession([scriptblock] $Script) {
        # A runspace of its own, with no connection yet; returns its errors.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:PORTONE_TEST_MODULE'").AddStatement().AddScript($Script.ToString())
            $null = $ps.Invoke()
            @($ps.Streams.Error)
        }
        finally { $ps.Dispose() }
    }
}
AfterAll {
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
}

Describe 'Advice follows where the connection came from' {
    BeforeEach {
        $script:saved = @{}
        foreach ($name in $variables) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $null) }
    }
    AfterEach { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }

    It 'a wrong secret in PORTONE_IMP_SECRET says to fix the variables, not to run Connect-PortOne (<Case>)' -ForEach @(
        @{ Case = 'a read by status'; Script = { Get-PortOnePayment -First 1 } }
        @{ Case = 'a lookup'; Script = { Get-PortOnePayment -ImpUid imp_000000000001 } }
    ) {
        $env:PORTONE_IMP_KEY = $emu.ImpKey; $env:PORTONE_IMP_SECRET = 'S3cr3t-wrong-do-not-show'; $env:PORTONE_API_BASE_URI = $emu.BaseUri
        $errors = Invoke-InNewSession $Script
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'PortOne.AuthenticationFailed,PortOne.Commands.GetPortOnePaymentCommand'
        $advice = $errors[0].ErrorDetails.RecommendedAction
        $advice | Should -Match 'PORTONE_IMP_KEY'
        $advice | Should -Match 'PORTONE_IMP_SECRET'
        $advice | Should -Not -Match 'Connect-PortOne'
        ($errors[0] | Out-String) + $advice | Should -Not -Match 'S3cr3t'
    }

    It 'a PORTONE_<Variable> the module refuses is named in the advice' -ForEach @(
        @{ Variable = 'API_BASE_URI'; Value = 'http://portone.example.com/'; ErrorId = 'PortOne.InsecureBaseUri' }
        @{ Variable = 'TIER'; Value = "T-01`n"; ErrorId = 'PortOne.InvalidTier' }
    ) {
        $env:PORTONE_IMP_KEY = $emu.ImpKey; $env:PORTONE_IMP_SECRET = $emu.ImpSecret; $env:PORTONE_API_BASE_URI = $emu.BaseUri
        [Environment]::SetEnvironmentVariable("PORTONE_$Variable", $Value)
        $errors = Invoke-InNewSession { Get-PortOnePayment -First 1 }
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "$ErrorId,PortOne.Commands.GetPortOnePaymentCommand"
        $errors[0].ErrorDetails.RecommendedAction | Should -Match "Set PORTONE_$Variable "
    }

    It 'a wrong secret given to Connect-PortOne says to run Connect-PortOne again, not to set variables' {
        $wrong = [pscredential]::new($emu.ImpKey, (ConvertTo-SecureString 'S3cr3t-wrong-do-not-show' -AsPlainText -Force))
        $err = { Connect-PortOne -Credential $wrong -ApiBaseUri $emu.BaseUri } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.AuthenticationFailed,PortOne.Commands.ConnectPortOneCommand'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Connect-PortOne again'
        $err.ErrorDetails.RecommendedAction | Should -Not -Match 'PORTONE_'
    }
}

Describe 'A lookup that finds nothing' {
    BeforeAll { Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri }

    It 'names the <Name> in one line, and the other lookups go on' -ForEach @(
        @{ Name = 'imp_uid'; Parameter = 'ImpUid'; Missing = 'imp_999999999999'; Known = { (Get-PortOnePayment -First 1).ImpUid } }
        @{ Name = 'merchant_uid'; Parameter = 'MerchantUid'; Missing = 'order_19990101_404404'; Known = { (Get-PortOnePayment -First 1).MerchantUid } }
    ) {
        $known = & $Known
        $lookup = @{ $Parameter = @($Missing, $known) }
        $found = @(Get-PortOnePayment @lookup -ErrorVariable notFound -ErrorAction SilentlyContinue)
        $found.Count | Should -Be 1
        $notFound.Count | Should -Be 1
        $notFound[0].FullyQualifiedErrorId | Should -Be 'PortOne.NotFound,PortOne.Commands.GetPortOnePaymentCommand'
        "$($notFound[0])" | Should -BeExactly "No payment has $Name $Missing."
        $notFound[0].Exception.Message | Should -BeExactly "No payment has $Name $Missing."
        $notFound[0].TargetObject | Should -Be $Missing
        $notFound[0].ErrorDetails.RecommendedAction | Should -Match "Check the $Name"
        # The API's answer stays on the exception, for a script that wants it.
        $notFound[0].Exception.HttpStatus | Should -Be 404
        $notFound[0].Exception.RequestPath | Should -Match ([regex]::Escape($Missing))
    }
}

Describe 'Input that PowerShell alone would refuse without a hint' {
    BeforeAll { Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri }
    BeforeEach { Reset-EmulatorRequest $emu }

    It 'a payment id where -Status goes (<Case>) says to use -ImpUid, and sends nothing' -ForEach @(
        @{ Case = 'Get-PortOnePayment imp_448280090638'; Script = { Get-PortOnePayment imp_448280090638 }; Ids = 'imp_448280090638' }
        @{ Case = 'two ids'; Script = { Get-PortOnePayment imp_448280090638, IMP_1 }; Ids = 'imp_448280090638, IMP_1' }
    ) {
        $err = $Script | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,PortOne.Commands.GetPortOnePaymentCommand'
        $err.Exception.Message | Should -Match ([regex]::Escape("-ImpUid $Ids"))
        $err.Exception.Message | Should -Match 'All, Ready, Paid, Cancelled, Failed'
        @(Get-EmulatorRequest $emu).Count | Should -Be 0
    }

    It 'a status still binds by position' {
        @(Get-PortOnePayment paid -First 2).Status | Should -Be @('paid', 'paid')
    }

    It 'a plain-text -ImpSecret shows the three ways to make a SecureString, and never the secret' {
        $before = Get-PortOneConnection
        $plain = 'S3cr3t-typed-in-clear'
        $err = { Connect-PortOne -ImpKey $emu.ImpKey -ImpSecret $plain -ApiBaseUri $emu.BaseUri } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,PortOne.Commands.ConnectPortOneCommand'
        $text = $err | Out-String -Width 300
        $err.Exception.Message | Should -Match ([regex]::Escape("Read-Host -AsSecureString"))
        $err.Exception.Message | Should -Match ([regex]::Escape("Get-Credential"))
        $err.Exception.Message | Should -Match ([regex]::Escape("ConvertTo-SecureString"))
        $text + $err.Exception.Message | Should -Not -Match 'S3cr3t'
        (Get-PortOneConnection).ImpKey | Should -Be $before.ImpKey -Because 'nothing was accepted'
    }
}

Describe 'What to do next is the module''s, for every kind of error' {
    # The client's exception carries facts only; the module's advice follows the facts and where the connection came from.
    BeforeDiscovery {
        $script:cases = @(
            @{ Kind = 'AuthenticationFailed'; Facts = @{ RequestPath = 'users/getToken' }; Source = 'ConnectCommand'; Says = 'then run Connect-PortOne again' }
            @{ Kind = 'AuthenticationFailed'; Facts = @{ RequestPath = 'users/getToken' }; Source = 'EnvironmentVariables'; Says = 'set PORTONE_IMP_KEY and PORTONE_IMP_SECRET' }
            @{ Kind = 'AuthenticationFailed'; Facts = @{ RequestPath = 'payments/status/all' }; Source = 'ConnectCommand'; Says = 'may read payments \(and -Tier' }
            @{ Kind = 'NotFound'; Facts = @{}; Source = 'ConnectCommand'; Says = 'another merchant account or Tier' }
            @{ Kind = 'ApiError'; Facts = @{ HttpStatus = 403 }; Source = 'ConnectCommand'; Says = 'not allowed' }
            @{ Kind = 'ApiError'; Facts = @{ HttpStatus = 400 }; Source = 'ConnectCommand'; Says = "against PortOne's message" }
            @{ Kind = 'InvalidResponse'; Facts = @{ MediaType = 'text/html' }; Source = 'ConnectCommand'; Says = 'Something other than PortOne answered: check -ApiBaseUri' }
            @{ Kind = 'InvalidResponse'; Facts = @{ MediaType = 'text/html' }; Source = 'EnvironmentVariables'; Says = 'check PORTONE_API_BASE_URI and' }
            @{ Kind = 'InvalidResponse'; Facts = @{}; Source = 'ConnectCommand'; Says = 'with the -Verbose output. Narrowing -From/-To' }
            @{ Kind = 'RetriesExhausted'; Facts = @{}; Source = 'ConnectCommand'; Says = 'raise -MaxRetries / -TimeoutSec on Connect-PortOne' }
            @{ Kind = 'PagingStalled'; Facts = @{}; Source = 'ConnectCommand'; Says = 'report it to PortOne' }
            @{ Kind = 'InsecureBaseUri'; Facts = @{}; Source = 'ConnectCommand'; Says = 'Give -ApiBaseUri as an absolute https URI' }
            @{ Kind = 'InsecureBaseUri'; Facts = @{}; Source = 'EnvironmentVariables'; Says = 'Set PORTONE_API_BASE_URI to an https URI' }
            @{ Kind = 'NotConnected'; Facts = @{}; Source = $null; Says = 'Run Connect-PortOne -Credential \(Get-Credential\) first' }
            @{ Kind = 'MissingImpKey'; Facts = @{}; Source = 'ConnectCommand'; Says = 'Pass -Credential with UserName = imp_key' }
            @{ Kind = 'InvalidDateRange'; Facts = @{}; Source = $null; Says = 'Give a -From before' }
            @{ Kind = 'DataChanged'; Facts = @{ RangeFrom = [DateTimeOffset]'2024-01-02T03:04:05+09:00'; RangeTo = [DateTimeOffset]'2024-01-02T03:04:05+09:00' }
               Source = $null; Says = "-From '2024-01-02 03:04:05 \+09:00' -To '2024-01-02 03:04:05 \+09:00'" }
            @{ Kind = 'DataChanged'; Facts = @{}; Source = $null; Says = 'once it has settled' }
            @{ Kind = 'Redirected'; Facts = @{}; Source = 'ConnectCommand'; Says = 'Check -ApiBaseUri \(or PORTONE_API_BASE_URI\)' }
            @{ Kind = 'InvalidTier'; Facts = @{}; Source = 'ConnectCommand'; Says = 'Give -Tier exactly as' }
            @{ Kind = 'InvalidTier'; Facts = @{}; Source = 'EnvironmentVariables'; Says = 'Set PORTONE_TIER' }
            @{ Kind = 'Unreachable'; Facts = @{ ConnectFailure = 'Refused'; Address = '127.0.0.1:1' }; Source = 'ConnectCommand'; Says = 'Connect-PortOne -ApiBaseUri.*127\.0\.0\.1:1' }
            @{ Kind = 'InvalidProxy'; Facts = @{}; Source = 'ConnectCommand'; Says = 'Give -Proxy as an absolute URI' }
            @{ Kind = 'InvalidProxy'; Facts = @{}; Source = 'EnvironmentVariables'; Says = 'Set PORTONE_PROXY' }
            @{ Kind = 'UnexpectedError'; Facts = @{}; Source = $null; Says = "report it to the PortOne module's authors" }
            @{ Kind = 'CheckpointInvalid'; Facts = @{ CheckpointPath = '/x/job.checkpoint' }; Source = $null; Says = 'run once with -NewCheckpoint and -From' }
            @{ Kind = 'CheckpointMismatch'; Facts = @{ CheckpointPath = '/x/job.checkpoint' }; Source = $null; Says = 'Use the -Status and the account' }
            @{ Kind = 'CheckpointLocked'; Facts = @{ CheckpointPath = '/x/job.checkpoint' }; Source = $null; Says = 'its own -Checkpoint file' }
            @{ Kind = 'CheckpointInFuture'; Facts = @{ CheckpointPath = '/x/job.checkpoint' }; Source = $null; Says = "PortOne's clock has passed its end" }
            @{ Kind = 'CheckpointUnavailable'; Facts = @{ CheckpointPath = '/x/job.checkpoint' }; Source = $null; Says = 'the disk is not full' }
            @{ Kind = 'CheckpointNotMoved'; Facts = @{ CheckpointPath = '/x/job.checkpoint' }; Source = $null; Says = 'Discard what this run wrote' }
            @{ Kind = 'InvalidCheckpointParameter'; Facts = @{ CheckpointPath = '/x/job.checkpoint' }; Source = $null; Says = 'Leave -NewCheckpoint out' }
            @{ Kind = 'CheckpointMissing'; Facts = @{ CheckpointPath = '/x/job.checkpoint' }; Source = $null; Says = 'run it once with -NewCheckpoint' }
            @{ Kind = 'CheckpointMissing'; Facts = @{ CheckpointPath = '/x/job.checkpoint'; FilePath = '/x/job-000002.csv' }; Source = $null
               Says = 'move the old files out of the folder' }
            @{ Kind = 'ExportFailed'; Facts = @{ FilePath = '/x/paid.csv' }; Source = $null; Says = 'Nothing was moved' }
        )
    }
    BeforeAll {
        $module = [PortOne.Commands.PortOneCmdlet].Assembly
        $script:records = $module.GetType('PortOne.Errors.ErrorRecords', $true)
        $script:sourceType = $module.GetType('PortOne.Connection.ConnectionSource', $true)
        function script:Get-Advice([string] $Kind, [hashtable] $Facts, [string] $Source) {
            $failure = [PortOne.PortOneException]::new([PortOne.PortOneErrorKind]$Kind, "What happened.")
            foreach ($name in $Facts.Keys) { $failure.$name = $Facts[$name] }
            $from = if ($Source) { [Enum]::Parse($sourceType, $Source) } else { $null }
            $records.GetMethod('From').Invoke($null, @($failure, $null, $from)).ErrorDetails.RecommendedAction
        }
    }

    It 'has a case here for every kind the client defines' -ForEach @(@{ Covered = @($cases.Kind | Sort-Object -Unique) }) {
        [Enum]::GetNames([PortOne.PortOneErrorKind]) | Where-Object { $_ -notin $Covered } | Should -BeNullOrEmpty
        $Covered.Count | Should -Be ([Enum]::GetNames([PortOne.PortOneErrorKind]).Count)
    }

    It '<Kind> (<Source>, facts: <Facts.Keys>) says what to do in the module''s terms' -ForEach $cases {
        $advice = Get-Advice $Kind $Facts $Source
        $advice | Should -Match $Says
        $advice | Should -Match '\.$'
        if ($Source -eq 'EnvironmentVariables') { $advice | Should -Not -Match 'Connect-PortOne' }
    }
}
