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
    It 'reads -Status <Status> -Sort <Sort> completely and in the stated order, whatever the updated times' -ForEach @(
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
        # The help's order: by status time (the cancel or fail time, which touches do not move) in the direction of
        # -Sort, then imp_uid; "updated" is not in the payload, so it cannot order payments of the same second.
        $descending = $Sort.StartsWith('-')
        $stated = [System.Collections.Generic.List[object]]::new([object[]]@($truth))
        $stated.Sort([Comparison[object]] {
            param($a, $b)
            $c = $a.WindowTime.CompareTo($b.WindowTime)
            if ($c -eq 0) { $c = [string]::CompareOrdinal($a.ImpUid, $b.ImpUid) }
            if ($descending) { -$c } else { $c }
        })
        $got.ImpUid | Should -Be $stated.ImpUid
    }
}
