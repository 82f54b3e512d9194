# Resumable exports (-Checkpoint): every payment state that changed since the last successful run, exactly once,
# checked against the emulator's own log of state changes while payments change between and during the runs.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '3000', '--seed', '11', '--span-days', '20', '--fault-seed', '4'
    Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -MaxRetries 1
    # Small enough for runs a second or two apart: the emulator stamps changes with the current time.
    $script:quick = @{ SettleLag = '00:00:01'; Overlap = '00:00:04' }

    function script:Unix($Time) { if ($null -eq $Time) { 0 } else { ([DateTimeOffset]$Time).ToUnixTimeSeconds() } }
    function script:NowMs { [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() }
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function script:Wait-Settled([long] $Second) {
        # -SettleLag is 1 s: a run reads up to now - 1 s, so a change stamped $Second is readable once the clock is past
        # $Second + 1. Waits for that moment (the rule is about time), not for a fixed sleep.
        Wait-Until { [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() -gt $Second + 1 } -Because "second $Second to settle"
    }

    function script:Get-StateKey {
        # A written payment's state as the emulator's change log names it: imp_uid, status, its time, latest refund.
        param([Parameter(ValueFromPipeline)] $Payment)
        process {
            $at = switch ($Payment.Status) {
                'ready' { $Payment.StartedAt } 'paid' { $Payment.PaidAt } 'cancelled' { $Payment.CancelledAt } default { $Payment.FailedAt }
            }
            $refunded = 0
            foreach ($c in $Payment.CancelHistory) { $refunded = [Math]::Max($refunded, (Unix $c.CancelledAt)) }
            "$($Payment.ImpUid) $($Payment.Status) $(Unix $at) $refunded"
        }
    }

    function script:Read-Checkpoint([string] $Path) {
        $json = Get-Content $Path -Raw | ConvertFrom-Json -DateKind String
        foreach ($name in 'start', 'readFrom', 'end', 'keysFrom') {
            $json.$name = [DateTimeOffset]::Parse($json.$name, [cultureinfo]::InvariantCulture).ToUnixTimeSeconds()
        }
        $json
    }

    function script:Write-Checkpoint([string] $Path, $Checkpoint) {
        # Times back to the file's ISO form, for tests that move a checkpoint to a moment they need.
        $copy = $Checkpoint | ConvertTo-Json -Depth 5 | ConvertFrom-Json -DateKind String
        foreach ($name in 'start', 'readFrom', 'end', 'keysFrom') {
            $copy.$name = [DateTimeOffset]::FromUnixTimeSeconds($Checkpoint.$name).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
        }
        $copy | ConvertTo-Json -Depth 5 | Set-Content $Path
    }

    function script:New-EmptyCheckpoint([string] $Path, [string] $Status = 'All') {
        # A first run from now: nothing has settled yet, so it writes nothing and only records where it starts.
        $written = @(Get-PortOnePayment -Status $Status -Checkpoint $Path -NewCheckpoint -From (Get-Date) @quick)
        $written.Count | Should -Be 0
        $Path | Should -Exist
    }
}
AfterAll {
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
}

Describe 'A scheduled export, run after run, while payments change' {
    BeforeAll {
        $script:cp = Join-Path $TestDrive 'ledger.checkpoint'
        $script:runs = [System.Collections.Generic.List[object]]::new()
        $script:first = [DateTimeOffset]::FromUnixTimeSeconds((Unix (Get-Date)) + 1)

        filter script:Take { $script:taken.Add($_); $_ }

        function script:Invoke-Run([string] $Name, [scriptblock] $Job, [switch] $Fails) {
            # One run of the job: what Get-PortOnePayment wrote (before any later command), how it ended, and the
            # checkpoint before and after. -Fails: the job does not succeed (it stops early or fails).
            $script:taken = [System.Collections.Generic.List[object]]::new()
            $before = if (Test-Path $cp) { (Get-FileHash $cp).Hash }
            $start = NowMs
            $failure = $null
            try { & $Job } catch { $failure = $_ }
            $stop = NowMs
            $checkpoint = if (Test-Path $cp) { Read-Checkpoint $cp }
            $runs.Add([pscustomobject]@{
                Name = $Name; Fails = [bool]$Fails; Failure = $failure; Start = $start; Stop = $stop
                Written = @($taken | Get-StateKey); Before = $before; After = if (Test-Path $cp) { (Get-FileHash $cp).Hash }
                From = $checkpoint.readFrom; End = $checkpoint.end; KeysFrom = $checkpoint.keysFrom
            })
        }

        function script:Invoke-Churn([int] $Requests) {
            # Each status request makes the emulator change `churn` payments; then wait until the last change the
            # emulator logged has settled past -SettleLag.
            1..$Requests | ForEach-Object { $null = Get-PortOnePayment -Status Failed -First 1 }
            Wait-Settled (@(Get-EmulatorChange $emu)[-1].changed_at)
        }

        # Two changes per status request keeps each run's range within the first page (100 payments): today's offset
        # reader cannot prove a multi-page range complete under churn, and such a run rightly leaves the checkpoint.
        Set-EmulatorFault $emu @{ churn = 2 }
        try {
            Wait-Settled ($first.ToUnixTimeSeconds() - 1)   # the clock is past the first run's -From
            Invoke-Churn 5
            Invoke-Run 'first' { Get-PortOnePayment -Checkpoint $cp -NewCheckpoint -From $first.LocalDateTime @quick | Take | Out-Null }
            Invoke-Churn 5
            Invoke-Run 'second' { Get-PortOnePayment -Checkpoint $cp -From $first.LocalDateTime @quick | Take | Out-Null }
            Invoke-Churn 8
            Invoke-Run 'stopped by Select-Object -First 5' -Fails { Get-PortOnePayment -Checkpoint $cp @quick | Take | Select-Object -First 5 | Out-Null }
            Invoke-Churn 3
            Invoke-Run 'third' { Get-PortOnePayment -Checkpoint $cp @quick | Take | Out-Null }
            Invoke-Churn 5
            Invoke-Run 'downstream failed' -Fails {
                $n = 0
                Get-PortOnePayment -Checkpoint $cp @quick | Take | ForEach-Object { if (++$n -eq 3) { throw 'the ledger disk is full' } }
            }
            Invoke-Churn 5
            Invoke-Run 'PortOne failed after retries' -Fails {
                # From the first payment on, every request fails (and its one retry).
                Get-PortOnePayment -Checkpoint $cp -PageSize 2 -WarningAction SilentlyContinue @quick | Take | ForEach-Object -Begin { $broken = $false } -Process {
                    if (-not $broken) { Set-EmulatorFault $emu @{ errorRate = 1.0 }; $broken = $true }
                }
            }
            Set-EmulatorFault $emu @{ churn = 2 }
            Invoke-Churn 5
            Invoke-Run 'fourth' { Get-PortOnePayment -Checkpoint $cp @quick | Take | Out-Null }
            Invoke-Churn 5
            Invoke-Run 'fifth' { Get-PortOnePayment -Checkpoint $cp @quick | Take | Out-Null }
        }
        finally {
            Set-EmulatorFault $emu @{}
        }

        # The truth: every state the emulator put a payment in, with when the payment next changed.
        $script:truth = @{}
        foreach ($group in Get-EmulatorChange $emu | Group-Object imp_uid) {
            $changes = @($group.Group)
            for ($i = 0; $i -lt $changes.Count; $i++) {
                $c = $changes[$i]
                $truth["$($c.imp_uid) $($c.status) $($c.status_at) $($c.refunded_at)"] = [pscustomobject]@{
                    Status = $c.status; At = $c.status_at; Refunded = $c.refunded_at
                    Time = [Math]::Max($c.status_at, $c.refunded_at); ChangedAt = $c.changed_at
                    NextAt = if ($i + 1 -lt $changes.Count) { $changes[$i + 1].changed_at } else { [long]::MaxValue }
                }
            }
        }
        $script:ok = @($runs | Where-Object { -not $_.Fails })
        $script:failed = @($runs | Where-Object Fails)
        $script:union = @($ok | ForEach-Object { $_.Written })
        # What each successful run must have written (or found written before): every state in its range that stood
        # from before the run started until after it ended.
        $script:must = @(foreach ($run in $ok) {
            foreach ($key in $truth.Keys) {
                $s = $truth[$key]
                if ($s.Time -ge $run.From -and $s.Time -le $run.End -and $s.ChangedAt -le $run.End -and $s.NextAt -gt [Math]::Floor($run.Stop / 1000)) { $key }
            }
        }) | Select-Object -Unique
        foreach ($run in $runs) { Write-Host ("  {0,-36} {1,4} written  {2}" -f $run.Name, $run.Written.Count, $(if ($run.Failure) { $run.Failure.FullyQualifiedErrorId } else { "range $($run.From)..$($run.End)" })) }
        Write-Host "  $($truth.Count) state changes in the emulator; $($must.Count) stood through a successful run; $($union.Count) written by successful runs"
    }

    It 'writes no payment state twice across the successful runs' {
        $repeated = @($union | Group-Object | Where-Object Count -GT 1 | ForEach-Object Name)
        $repeated | Should -BeNullOrEmpty
        $union.Count | Should -BeGreaterThan 50 -Because 'the runs must have had something to write'
    }

    It 'writes every state that stood through a successful run whose range holds its time' {
        $missing = @($must | Where-Object { $_ -notin $union })
        $missing | Should -BeNullOrEmpty
        $must.Count | Should -BeGreaterThan 50
    }

    It 'writes only states the payments were really in, from the covered time' {
        @($union | Where-Object { -not $truth.ContainsKey($_) }) | Should -BeNullOrEmpty
        $firstFrom = Unix $first
        @($union | Where-Object { $truth[$_].Time -lt $firstFrom }) | Should -BeNullOrEmpty
    }

    It 'starts at -From, then reads each time from the last end minus -Overlap to now minus -SettleLag' {
        $ok[0].From | Should -Be (Unix $first)
        foreach ($run in $ok) {
            # PortOne's now (learned from its answers) trails its clock by up to 2 s, so a run may end that much earlier.
            $run.End | Should -BeGreaterOrEqual ([Math]::Floor($run.Start / 1000) - 1 - 2)
            $run.End | Should -BeLessOrEqual ([Math]::Floor($run.Stop / 1000) - 1)
        }
        for ($k = 1; $k -lt $ok.Count; $k++) {
            $ok[$k].From | Should -Be ([Math]::Max($ok[$k - 1].End - 4, $ok[$k - 1].KeysFrom))
            $ok[$k].From | Should -BeLessOrEqual $ok[$k - 1].End -Because 'the overlap, at least the last second, is read again'
        }
    }

    It 'leaves the checkpoint as it was when the pipeline stopped, a later command failed, or PortOne failed' {
        $failed.Count | Should -Be 3
        foreach ($run in $failed) {
            $run.After | Should -Be $run.Before -Because "the '$($run.Name)' run must not move the checkpoint"
            $run.Written.Count | Should -BeGreaterThan 0 -Because "the '$($run.Name)' run wrote payments before it ended"
        }
        $failed[0].Written.Count | Should -Be 5
        $failed[0].Failure | Should -BeNullOrEmpty -Because 'Select-Object -First stops the pipeline without an error'
        $failed[1].Failure.Exception.Message | Should -Be 'the ledger disk is full'
        $failed[2].Failure.FullyQualifiedErrorId | Should -Be 'PortOne.RetriesExhausted,PortOne.Commands.GetPortOnePaymentCommand'
        foreach ($run in $ok) {
            $run.Failure | Should -BeNullOrEmpty
            $run.After | Should -Not -Be $run.Before -Because "the '$($run.Name)' run succeeded"
        }
    }

    It 'writes again, in the next successful run, what a failed run wrote (unless the payment changed since)' {
        foreach ($run in $failed) {
            # A failed run writes only states the payments were really in; a state the truth does not know is never excused.
            @($run.Written | Where-Object { -not $truth.ContainsKey($_) }) | Should -BeNullOrEmpty -Because "the '$($run.Name)' run wrote only real states"
            $next = $ok | Where-Object Start -GT $run.Stop | Select-Object -First 1
            $lost = @($run.Written | Where-Object { $_ -notin $next.Written -and (-not $truth.ContainsKey($_) -or $truth[$_].NextAt -gt [Math]::Floor($next.Stop / 1000)) })
            $lost | Should -BeNullOrEmpty -Because "what the '$($run.Name)' run wrote is read again by '$($next.Name)'"
        }
    }

    It 'read overlaps again without repeating them, and caught partial refunds of payments paid before the range' {
        # Each state in the time two consecutive successful runs both read, settled before the first ended and standing
        # until the second ended: written by the first or a run before it, and not again by the second (the remembered keys).
        $reread = 0
        for ($k = 1; $k -lt $ok.Count; $k++) {
            $previous = $ok[$k - 1]; $run = $ok[$k]
            $earlier = @($ok[0..($k - 1)] | ForEach-Object { $_.Written })
            $inOverlap = @($truth.Keys | Where-Object {
                $s = $truth[$_]
                $s.Time -ge $run.From -and $s.Time -le $previous.End -and $s.ChangedAt -le $previous.End -and $s.NextAt -gt [Math]::Floor($run.Stop / 1000)
            })
            foreach ($key in $inOverlap) {
                $key | Should -BeIn $earlier -Because "'$($previous.Name)' or a run before it read $key first"
                $key | Should -Not -BeIn $run.Written -Because "'$($run.Name)' read $key again in its overlap and must not repeat it"
            }
            $reread += $inOverlap.Count
        }
        $reread | Should -BeGreaterThan 0 -Because 'the overlaps held states to read again'
        # Paid long before (generated data), partially refunded inside a successful run's range and standing through
        # it: only the refund read finds them, and each must be written.
        $firstFrom = Unix $first
        $refunds = @($truth.Keys | Where-Object {
            $s = $truth[$_]
            $s.Status -eq 'paid' -and $s.Refunded -gt 0 -and $s.At -lt $firstFrom -and
                @($ok | Where-Object { $s.Refunded -ge $_.From -and $s.Refunded -le $_.End -and $s.ChangedAt -le $_.End -and $s.NextAt -gt [Math]::Floor($_.Stop / 1000) }).Count -gt 0
        })
        $refunds.Count | Should -BeGreaterThan 0 -Because 'churn partially refunded older payments during the sequence'
        @($refunds | Where-Object { $_ -notin $union }) | Should -BeNullOrEmpty
        Write-Host "  $reread states re-read in overlaps and not repeated; $($refunds.Count) partial refunds of older payments"
    }
}

Describe 'Checkpoint files that cannot be used' {
    BeforeEach {
        $script:cp = Join-Path $TestDrive "cp-$([guid]::NewGuid().ToString('n')).checkpoint"
        New-EmptyCheckpoint $cp
    }

    It 'refuses a file that is not JSON, and leaves it' {
        'this is not a checkpoint {' | Set-Content $cp
        $hash = (Get-FileHash $cp).Hash
        { Get-PortOnePayment -Checkpoint $cp @quick } | Should -Throw -ErrorId 'PortOne.CheckpointInvalid,PortOne.Commands.GetPortOnePaymentCommand'
        (Get-FileHash $cp).Hash | Should -Be $hash
    }

    It 'refuses a foreign file, such as a CSV export, naming what to do' {
        [pscustomobject]@{ ImpUid = 'imp_1'; Amount = 1000 } | Export-Csv $cp
        $err = { Get-PortOnePayment -Checkpoint $cp @quick } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.CheckpointInvalid,PortOne.Commands.GetPortOnePaymentCommand'
        $err.ErrorDetails.Message | Should -BeLike "*$cp*"
        $err.ErrorDetails.RecommendedAction | Should -Match '-From'
    }

    It 'refuses JSON that is not a checkpoint, and a checkpoint of a newer version' {
        '{ "format": "Something.Else", "version": 1 }' | Set-Content $cp
        { Get-PortOnePayment -Checkpoint $cp @quick } | Should -Throw -ErrorId 'PortOne.CheckpointInvalid,PortOne.Commands.GetPortOnePaymentCommand'
        New-EmptyCheckpoint ($cp = "$cp.2")
        (Get-Content $cp -Raw) -replace '"version": 1', '"version": 2' | Set-Content $cp
        $err = { Get-PortOnePayment -Checkpoint $cp @quick } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.CheckpointInvalid,PortOne.Commands.GetPortOnePaymentCommand'
        $err.ErrorDetails.Message | Should -Match 'newer'
    }

    It 'refuses a checkpoint made for another status or another account' {
        { Get-PortOnePayment -Status Paid -Checkpoint $cp @quick } | Should -Throw -ErrorId 'PortOne.CheckpointMismatch,PortOne.Commands.GetPortOnePaymentCommand'
        $file = Read-Checkpoint $cp
        $file.account = 'key-sha256:0000000000000000'
        Write-Checkpoint $cp $file
        { Get-PortOnePayment -Checkpoint $cp @quick } | Should -Throw -ErrorId 'PortOne.CheckpointMismatch,PortOne.Commands.GetPortOnePaymentCommand'
    }

    It 'refuses a checkpoint that ends after the clock (the clock went back), and leaves it' {
        $file = Read-Checkpoint $cp
        $file.end = (Unix (Get-Date)) + 3600
        Write-Checkpoint $cp $file
        $hash = (Get-FileHash $cp).Hash
        $err = { Get-PortOnePayment -Checkpoint $cp @quick } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.CheckpointInFuture,PortOne.Commands.GetPortOnePaymentCommand'
        $err.ErrorDetails.RecommendedAction | Should -Match 'clock'
        (Get-FileHash $cp).Hash | Should -Be $hash
    }
}

Describe 'Checkpoint paths that cannot hold a checkpoint' {
    It 'stops before reading when -Checkpoint is a folder, or its folder does not exist' {
        $folder = New-Item (Join-Path $TestDrive 'a-folder') -ItemType Directory
        Reset-EmulatorRequest $emu
        $err = { Get-PortOnePayment -Checkpoint $folder.FullName -From (Get-Date).AddDays(-1) @quick } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.CheckpointUnavailable,PortOne.Commands.GetPortOnePaymentCommand'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        { Get-PortOnePayment -Checkpoint (Join-Path $TestDrive 'no/such/folder/x.checkpoint') @quick } |
            Should -Throw -ErrorId 'PortOne.CheckpointUnavailable,PortOne.Commands.GetPortOnePaymentCommand'
        @(Get-EmulatorRequest $emu -PathLike '/payments/*').Count | Should -Be 0
    }
}

Describe 'Two runs on one checkpoint' {
    It 'fails the second run clearly while the first reads, and the lock goes with the first run' {
        $cp = Join-Path $TestDrive 'shared.checkpoint'
        New-EmptyCheckpoint $cp
        Wait-Settled (Unix (Get-Date))   # so the next run has a settled second to read
        $hash = (Get-FileHash $cp).Hash
        Set-EmulatorFault $emu @{ stallMs = 3600000 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:PORTONE_TEST_MODULE'; Connect-PortOne -Credential `$args[0] -ApiBaseUri '$($emu.BaseUri)'; Get-PortOnePayment -Checkpoint '$cp' -SettleLag 00:00:01").AddArgument($emu.Credential)
            $null = $ps.BeginInvoke()
            # The event: the first run holds the lock and its first page request is stalled in the emulator.
            Wait-Until { @(Invoke-EmulatorControl $emu 'requests/inflight' | ForEach-Object { $_ } | Where-Object path -like '/payments/*').Count -gt 0 } -Because 'the first run to read'
            $err = { Get-PortOnePayment -Checkpoint $cp @quick } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'PortOne.CheckpointLocked,PortOne.Commands.GetPortOnePaymentCommand'
            $err.ErrorDetails.RecommendedAction | Should -Match 'own -Checkpoint'
            $ps.Stop()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            Set-EmulatorFault $emu @{}
            $ps.Dispose()
        }
        # Ctrl+C in the middle of a stream that had written payments is in CheckpointProcess.Tests.ps1; here the
        # lock went with the stopped run: the next run reads and moves the checkpoint.
        (Get-FileHash $cp).Hash | Should -Be $hash
        Get-PortOnePayment -Checkpoint $cp @quick | Out-Null
        (Get-FileHash $cp).Hash | Should -Not -Be $hash
    }
}

Describe 'Long gaps' {
    It 'reads a checkpoint older than 90 days as 90-day windows, and misses nothing' {
        $cp = Join-Path $TestDrive 'old.checkpoint'
        New-EmptyCheckpoint $cp
        $file = Read-Checkpoint $cp
        $old = (Unix (Get-Date)) - 100 * 86400
        $file.start = $file.readFrom = $file.keysFrom = $file.end = $old
        Write-Checkpoint $cp $file
        Reset-EmulatorRequest $emu
        $got = @(Get-PortOnePayment -Checkpoint $cp -Overlap '00:00:00' -SettleLag '00:00:01' -RefundHorizon '00:00:00').ImpUid
        $end = (Read-Checkpoint $cp).end
        $expected = @(Get-EmulatorSnapshot $emu -Status all -From $old -To $end)
        $got.Count | Should -BeGreaterThan 1000
        ($got | Sort-Object) | Should -Be ($expected | Sort-Object)
        # Each window's first request (of each status: status all is read as its four) covers the whole window; the
        # slices read after it lie inside it.
        $windows = @(Get-EmulatorRequestRange $emu -PathLike '/payments/status/paid' -Windows | ForEach-Object { "from=$($_.From)&to=$($_.To)" })
        $windows | Should -Be @("from=$old&to=$($old + 90 * 86400)", "from=$($old + 90 * 86400 + 1)&to=$end")
    }
}

Describe 'Parameters that do not fit a checkpoint' {
    It 'refuses <Case>' -ForEach @(
        @{ Case = '-To with -Checkpoint'; Parameters = @{ Checkpoint = 'x.checkpoint'; To = (Get-Date) } }
        @{ Case = '-First with -Checkpoint'; Parameters = @{ Checkpoint = 'x.checkpoint'; First = 5 } }
        @{ Case = '-Skip with -Checkpoint'; Parameters = @{ Checkpoint = 'x.checkpoint'; Skip = 5 } }
        @{ Case = '-IncludeTotalCount with -Checkpoint'; Parameters = @{ Checkpoint = 'x.checkpoint'; IncludeTotalCount = $true } }
        @{ Case = '-SettleLag without -Checkpoint'; Parameters = @{ SettleLag = '00:01:00' } }
        @{ Case = '-Overlap as a bare number (ticks)'; Parameters = @{ Checkpoint = 'x.checkpoint'; Overlap = 600 } }
        @{ Case = 'a negative -RefundHorizon'; Parameters = @{ Checkpoint = 'x.checkpoint'; RefundHorizon = '-1.00:00:00' } }
    ) {
        Push-Location $TestDrive
        try {
            $err = { Get-PortOnePayment @Parameters } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'PortOne.InvalidCheckpointParameter,PortOne.Commands.GetPortOnePaymentCommand'
            $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
            'x.checkpoint' | Should -Not -Exist
        }
        finally { Pop-Location }
    }

    It 'refuses a first -From in the future' {
        { Get-PortOnePayment -Checkpoint (Join-Path $TestDrive 'f.checkpoint') -From (Get-Date).AddHours(1) } |
            Should -Throw -ErrorId 'PortOne.InvalidDateRange,PortOne.Commands.GetPortOnePaymentCommand'
    }

    It 'resolves a relative -Checkpoint against the current location' {
        Push-Location $TestDrive
        try { New-EmptyCheckpoint 'relative.checkpoint' }
        finally { Pop-Location }
        Join-Path $TestDrive 'relative.checkpoint' | Should -Exist
        Join-Path $TestDrive 'relative.checkpoint.lock' | Should -Exist
    }
}
