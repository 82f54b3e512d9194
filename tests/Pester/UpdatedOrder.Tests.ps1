# Cancelled and failed payments sorted by "updated" when PortOne changes them after their cancel or failure: their
# updated time is then later than their status time (the emulator's "touch"), which the reader must not assume away.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '6000', '--seed', '23', '--span-days', '60'
    Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri
    function script:Unix([datetime] $d) { ([DateTimeOffset]$d).ToUnixTimeSeconds() }
}
AfterAll {
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
}

Describe 'Sorting by updated when cancelled and failed payments were touched' {
    It 'reads -Status <Status> -Sort <Sort> completely and in updated order' -ForEach @(
        @{ Status = 'Cancelled'; Sort = '-updated' }
        @{ Status = 'Failed'; Sort = 'updated' }
    ) {
        # Touch some payments first (one status request with touch on), then read with nothing changing.
        Set-EmulatorFault $emu @{ touch = 200 }
        $null = Get-PortOnePayment -Status Ready -First 1
        Set-EmulatorFault $emu @{}
        $to = Get-Date; $from = $to.AddDays(-60)
        $truth = @(Get-EmulatorTruth $emu -Status $Status.ToLowerInvariant() -From (Unix $from) -To (Unix $to) -Sorting $Sort)
        @($truth | Where-Object { $_.UpdatedAt -gt $_.WindowTime }).Count | Should -BeGreaterThan 20 -Because 'touches moved updated past the status time'
        $got = @(Get-PortOnePayment -Status $Status -From $from -To $to -Sort $Sort -PageSize 100 -ErrorVariable problems -ErrorAction SilentlyContinue)
        $problems | Should -BeNullOrEmpty
        ($got.ImpUid | Sort-Object) | Should -Be ($truth.ImpUid | Sort-Object)
        # The help promises exact order for these combinations: the truth's updated times, in its order.
        $updatedOf = @{}; foreach ($t in $truth) { $updatedOf[$t.ImpUid] = $t.UpdatedAt }
        @($got | ForEach-Object { $updatedOf[$_.ImpUid] }) | Should -Be @($truth.UpdatedAt)
    }
}
