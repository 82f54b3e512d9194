# Retries and timeouts end to end, with the options a user gets by default (Connect-PortOne without -MaxRetries or
# -TimeoutSec unless the test is about it), proven by the emulator's request log: what was sent, and when.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '500', '--seed', '21', '--span-days', '30'
    $script:defaults = [PortOne.PortOneClientOptions]::new([System.Net.NetworkCredential]::new('k', 's'))
}
AfterAll {
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
}

Describe 'Retries with the default options' {
    AfterEach { Set-EmulatorFault $emu @{} }

    It 'waits the 2 s a 429 Retry-After: 2 asks for, then goes on' {
        Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri
        Set-EmulatorFault $emu @{ rateLimitRate = 1.0; retryAfter = '2' }
        Reset-EmulatorRequest $emu
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:PORTONE_TEST_MODULE'; Connect-PortOne -Credential `$args[0] -ApiBaseUri '$($emu.BaseUri)'; @(Get-PortOnePayment -Status All -First 3).Count").AddArgument($emu.Credential)
            $async = $ps.BeginInvoke()
            # The event: the first page was answered 429; from then on the server answers normally.
            Wait-Until { @(Get-EmulatorRequest $emu -PathLike '/payments/*' | Where-Object status -eq 429).Count -gt 0 } -Because 'a 429'
            Set-EmulatorFault $emu @{}
            $count = $ps.EndInvoke($async)
            $ps.Streams.Error | Should -BeNullOrEmpty
        } finally { $ps.Dispose() }
        $count | Should -Be 3
        $pages = @(Get-EmulatorRequest $emu -PathLike '/payments/*')
        $pages[0].status | Should -Be 429
        $retry = $pages | Where-Object { $_.query -eq $pages[0].query -and $_.status -eq 200 } | Select-Object -First 1
        $retry | Should -Not -BeNullOrEmpty
        # Time is the behaviour: the server's own times, 2 s apart, on any machine. They are whole milliseconds on the
        # server's clock while the client's 2 s timer runs on another, so a wait of exactly 2 s can log as 1,999 ms
        # (seen once); 10 ms covers that, and a retry that ignored Retry-After would come well under 2 s.
        ($retry.at - $pages[0].at) | Should -BeGreaterOrEqual 1990
    }

    It 'gives up a request after -TimeoutSec 1 against 2 s of latency, retries it, then says RetriesExhausted' {
        Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -TimeoutSec 1
        Set-EmulatorFault $emu @{ latencyMs = 2000 }
        Reset-EmulatorRequest $emu
        $thrown = $null
        try { Get-PortOnePayment -Status Paid -First 1 -ErrorAction Stop } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -Be 'PortOne.RetriesExhausted,PortOne.Commands.GetPortOnePaymentCommand'
        $thrown.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        # Every attempt reached the server and was abandoned by the client while the server still waited (499).
        Wait-Until { @(Invoke-EmulatorControl $emu 'requests/inflight' | ForEach-Object { $_ }).Count -eq 0 } -Because 'the last attempt to end'
        $pages = @(Get-EmulatorRequest $emu -PathLike '/payments/*')
        $pages.Count | Should -Be ($defaults.MaxRetries + 1)
        $pages.status | Select-Object -Unique | Should -Be 499
        @($pages.query | Select-Object -Unique).Count | Should -Be 1 -Because 'the same request was retried'
    }

    It 'retries a 503 from getToken and connects' {
        Reset-EmulatorRequest $emu
        Set-EmulatorFault $emu @{ tokenErrors = 2 }
        $info = Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -PassThru
        $info.TokenExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::Now)
        (Get-EmulatorRequest $emu -PathLike '/users/getToken').status | Should -Be @(503, 503, 200)
        @(Get-PortOnePayment -Status All -First 2).Count | Should -Be 2
    }
}
