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
