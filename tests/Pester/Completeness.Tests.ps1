# The completeness contract, for every status and sort: a payment in the result set both when the command starts and
# when it ends is written exactly once, however the others change meanwhile; -Skip and -First are exact; and the order
# is the one the help states. Checked against the emulator's truth, under churn concentrated on the range read.
BeforeDiscovery {
    $script:statuses = 'All', 'Ready', 'Paid', 'Cancelled', 'Failed'
    $script:sorts = '-started', 'started', '-paid', 'paid', '-updated', 'updated'
    $script:matrix = foreach ($status in $statuses) { foreach ($sort in $sorts) { @{ Status = $status; Sort = $sort } } }
}

BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    # Each Describe starts its own emulator: churn turns ready payments into paid ones, so one status's tests must not
    # use up another's data.
    function script:Start-Emulator {
        $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '12000', '--seed', '5', '--span-days', '240'
        Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri
    }
    function script:Stop-Emulator {
        Disconnect-PortOne
        $emu | Stop-PortOneEmulator
    }
    function script:Unix([datetime] $d) { ([DateTimeOffset]$d).ToUnixTimeSeconds() }

    # Whether a payment's current record shows it in the result set of $Status between $From and $To at some moment:
    # statuses only move forward and keep their earlier times (a cancel keeps paid_at).
    function script:WasEverIn($truth, [string] $Status, [long] $From, [long] $To) {
        $times = switch ($Status) {
            'ready' { , $truth.StartedAt }
            'paid' { , $truth.PaidAt }
            'cancelled' { , $truth.CancelledAt }
            'failed' { , $truth.FailedAt }
            default { $truth.StartedAt, $truth.PaidAt, $truth.CancelledAt, $truth.FailedAt }
        }
        foreach ($t in $times) { if ($t -ge $From -and $t -le $To) { return $true } }
        $false
    }

    # The order the help states, computed here from the emulator's records (not by the module).
    function script:StatedOrder($truth, [string] $Sort) {
        $descending = $Sort.StartsWith('-')
        $key = $Sort.TrimStart('-')
        $rows = foreach ($p in $truth) {
            [pscustomobject]@{
                Id = $p.ImpUid
                Time = $p.WindowTime
                Tie = switch ($key) { 'started' { $p.StartedAt } 'paid' { $p.PaidAt } default { 0 } }
            }
        }
        $ordered = [System.Collections.Generic.List[object]]::new([object[]]@($rows))
        $ordered.Sort([Comparison[object]] {
            param($a, $b)
            $c = $a.Time.CompareTo($b.Time)
            if ($c -eq 0) { $c = $a.Tie.CompareTo($b.Tie) }
            if ($c -eq 0) { $c = [string]::CompareOrdinal($a.Id, $b.Id) }
            if ($descending) { -$c } else { $c }
        })
        $ordered.Id
    }

    function script:Test-Export([string] $Status, [string] $Sort, [datetime] $From, [datetime] $To) {
        $status = $Status.ToLowerInvariant(); $f = Unix $From; $t = Unix $To
        $before = @((Get-EmulatorTruth $emu -Status $status -From $f -To $t).ImpUid)
        # Cancelled and failed sets change only by late writes (a twentieth of the churn): more churn, so they change too.
        $churn = if ($status -in 'cancelled', 'failed') { 30 } else { 6 }
        Set-EmulatorFault $emu @{ churn = $churn; churnFrom = $f; churnTo = $t }
        try { $got = @(Get-PortOnePayment -Status $Status -Sort $Sort -From $From -To $To -PageSize 100 -ErrorAction Stop | ForEach-Object ImpUid) }
        finally { Set-EmulatorFault $emu @{} }
        $after = [System.Collections.Generic.HashSet[string]]::new([string[]]@((Get-EmulatorTruth $emu -Status $status -From $f -To $t).ImpUid))
        $stayed = @($before | Where-Object { $after.Contains($_) })
        $written = [System.Collections.Generic.HashSet[string]]::new([string[]]$got)
        $byId = @{}; foreach ($p in Get-EmulatorTruth $emu -Status all -From ($f - 1) -To ([DateTimeOffset]::Now.ToUnixTimeSeconds() + 60)) { $byId[$p.ImpUid] = $p }
        [pscustomobject]@{
            Written = $got.Count
            Stayed = $stayed.Count
            Changed = $before.Count - $stayed.Count + $after.Count - $stayed.Count
            Lost = @($stayed | Where-Object { -not $written.Contains($_) }).Count
            Duplicated = $got.Count - $written.Count
            Foreign = @($got | Where-Object { -not $byId.ContainsKey($_) -or -not (WasEverIn $byId[$_] $status $f $t) }).Count
        }
    }
}
Describe '<_> payments are complete while payments change, for every sort' -ForEach $statuses {
    BeforeAll {
        $script:Status = $_
        Start-Emulator
    }
    AfterAll { Stop-Emulator }

    It '<Status> <Sort> over <Days> days' -ForEach @(foreach ($days in 40, 200) { foreach ($sort in $sorts) { @{ Sort = $sort; Days = $days } } }) {
        # 40 days is one window, 200 days three.
        $to = (Get-Date).AddMinutes(-1)
        $r = Test-Export $Status $Sort $to.AddDays(-$Days) $to
        Write-Host "  $Status $Sort, $Days days: $($r.Written) written, $($r.Stayed) stayed, $($r.Changed) changed, $($r.Lost) lost, $($r.Duplicated) duplicated, $($r.Foreign) foreign"
        $r.Stayed | Should -BeGreaterThan 0
        $r.Changed | Should -BeGreaterThan 0 -Because 'the churn changed the set while it was read'
        $r.Lost | Should -Be 0
        $r.Duplicated | Should -Be 0
        $r.Foreign | Should -Be 0
    }
}

Describe 'Skip, First and order for every status and sort' {
    BeforeAll {
        # Settled data (no churn here): what a full read returns is what -Skip and -First must cut exactly.
        Start-Emulator
        $script:to = (Get-Date).AddDays(-100); $script:from = $to.AddDays(-100)
    }
    AfterAll { Stop-Emulator }

    It '<Status> <Sort>: -Skip and -First cut the full read exactly' -ForEach $matrix {
        $full = @(Get-PortOnePayment -Status $Status -Sort $Sort -From $from -To $to -PageSize 100 | ForEach-Object ImpUid)
        $full.Count | Should -BeGreaterThan 150
        $truth = @((Get-EmulatorTruth $emu -Status $Status.ToLowerInvariant() -From (Unix $from) -To (Unix $to)).ImpUid)
        ($full | Sort-Object) | Should -Be ($truth | Sort-Object)
        foreach ($skip in 0, 1, 99, 100, 137, ($full.Count - 5)) {
            $cut = @(Get-PortOnePayment -Status $Status -Sort $Sort -From $from -To $to -PageSize 100 -Skip $skip -First 120 | ForEach-Object ImpUid)
            $cut | Should -Be $full[$skip..([Math]::Min($full.Count, $skip + 120) - 1)] -Because "-Skip $skip -First 120"
        }
    }

    It '<Status> <Sort>: comes in the stated order' -ForEach $matrix {
        # The help's rule for every status and sort: by status time in the direction of -Sort; payments of the same
        # second by the -Sort time where the payment carries it (started, paid), then by imp_uid.
        $got = @(Get-PortOnePayment -Status $Status -Sort $Sort -From $from -To $to -PageSize 100 | ForEach-Object ImpUid)
        $truth = Get-EmulatorTruth $emu -Status $Status.ToLowerInvariant() -From (Unix $from) -To (Unix $to)
        $got.Count | Should -BeGreaterThan 150
        $got | Should -Be (StatedOrder $truth $Sort)
    }

}
