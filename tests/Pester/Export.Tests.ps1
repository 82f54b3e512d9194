# Export-PortOnePayment: files a ledger and Excel take as they are, that appear whole or not at all, and with
# -Checkpoint one file per run, each payment state in exactly one, through failures and killed processes while
# payments change. Get-PortOnePayment | Export-Csv gives readable text too.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '3000', '--seed', '12', '--span-days', '20', '--fault-seed', '5'
    Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -MaxRetries 1
    $script:quick = @{ SettleLag = '00:00:01'; Overlap = '00:00:04' }
    $script:now = [DateTimeOffset]::UtcNow
    $script:range = @{ From = $now.AddDays(-21).UtcDateTime; To = $now.UtcDateTime }

    function script:Unix([string] $Iso) { if ($Iso) { [DateTimeOffset]::ParseExact($Iso, "yyyy-MM-dd'T'HH:mm:sszzz", [cultureinfo]::InvariantCulture).ToUnixTimeSeconds() } else { 0 } }

    function script:Get-RowState {
        # The payment state a CSV row stands for, as the emulator's change log names it.
        param([Parameter(ValueFromPipeline)] $Row)
        process {
            $at = switch ($Row.Status) { 'ready' { $Row.StartedAt } 'paid' { $Row.PaidAt } 'cancelled' { $Row.CancelledAt } default { $Row.FailedAt } }
            "$($Row.ImpUid) $($Row.Status) $(Unix $at) $(Unix $Row.CancelHistoryLastAt)"
        }
    }
}
AfterAll {
    $env:PORTONE_TEST_FAULT = $null
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
}

Describe 'Export-PortOnePayment to one file' {
    It 'writes the payments Get-PortOnePayment reads, as CSV Excel opens as it is' {
        $path = Join-Path $TestDrive 'paid.csv'
        $summary = Export-PortOnePayment $path -Status Paid @range
        $expected = @(Get-PortOnePayment -Status Paid @range)
        $rows = @(Import-Csv $path)

        $summary.Path | Should -Be $path
        $summary.Rows | Should -Be $expected.Count
        $summary.Format | Should -Be 'Csv'
        $summary.To.ToUnixTimeSeconds() | Should -Be ([DateTimeOffset]$range.To).ToUnixTimeSeconds()
        $rows.Count | Should -Be $expected.Count
        ($rows.ImpUid | Sort-Object) | Should -Be ($expected.ImpUid | Sort-Object)

        $bytes = [IO.File]::ReadAllBytes($path)
        $bytes[0..2] | Should -Be 0xEF, 0xBB, 0xBF -Because 'Excel reads UTF-8 as UTF-8 only with a byte order mark'
        $header = ([Text.Encoding]::UTF8.GetString($bytes) -split "`r`n")[0].TrimStart([char]0xFEFF)
        $header | Should -BeLike 'ImpUid,MerchantUid,Status,Amount,CancelAmount,Currency,Name,*,AdditionalFields'
        $first = $expected | Where-Object ImpUid -EQ $rows[0].ImpUid
        $rows[0].BuyerName | Should -Be $first.BuyerName
        $rows[0].Amount | Should -Be $first.Amount.ToString([cultureinfo]::InvariantCulture)
        (Unix $rows[0].PaidAt) | Should -Be $first.PaidAt.ToUnixTimeSeconds()
        $rows[0].PaidAt | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$'
        @($rows | Where-Object { $_.BuyerName -match '[가-힣]' }).Count | Should -BeGreaterThan 0
    }

    It 'writes JSON Lines of each payment as PortOne sent it, without a byte order mark' {
        $path = Join-Path $TestDrive 'cancelled.jsonl'
        $summary = Export-PortOnePayment $path -Format JsonLines -Status Cancelled @range
        $lines = @(Get-Content $path -Encoding utf8)
        $lines.Count | Should -Be $summary.Rows
        [IO.File]::ReadAllBytes($path)[0] | Should -Be ([byte][char]'{')
        $parsed = $lines | ForEach-Object { $_ | ConvertFrom-Json }
        ($parsed.imp_uid | Sort-Object) | Should -Be (@(Get-PortOnePayment -Status Cancelled @range).ImpUid | Sort-Object)
        $parsed[0].cancelled_at | Should -BeOfType [long] -Because 'times stay PortOne''s unix seconds'
    }

    It 'passes the payments on with -PassThru, then the summary' {
        $out = @(Export-PortOnePayment (Join-Path $TestDrive 'failed.csv') -Status Failed @range -PassThru)
        $out[-1] | Should -BeOfType [PortOne.Export.ExportSummary]
        $out.Count - 1 | Should -Be $out[-1].Rows
        $out[0] | Should -BeOfType [PortOne.PaymentAnnotation]
    }

    It 'leaves the file it would replace, and no temporary file, when the export fails (<Step>)' -ForEach @(
        @{ Step = 'RowsWritten' }, @{ Step = 'FileSynced' }
    ) {
        $path = Join-Path $TestDrive 'kept.csv'
        'yesterday' | Set-Content $path
        $env:PORTONE_TEST_FAULT = $Step
        try { $err = { Export-PortOnePayment $path -Status Ready @range } | Should -Throw -PassThru }
        finally { $env:PORTONE_TEST_FAULT = $null }
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.ExportFailed,PortOne.Commands.ExportPortOnePaymentCommand'
        Get-Content $path | Should -Be 'yesterday'
        "$path.tmp" | Should -Not -Exist
        Export-PortOnePayment $path -Status Ready @range | Out-Null
        (Get-Content $path -TotalCount 1) | Should -Not -Be 'yesterday'
    }

    It 'writes the encoding asked for' {
        $path = Join-Path $TestDrive 'nobom.csv'
        Export-PortOnePayment $path -Status Failed @range -Encoding utf8NoBOM | Out-Null
        [IO.File]::ReadAllBytes($path)[0] | Should -Be ([byte][char]'I')
        Export-PortOnePayment $path -Status Failed @range -Encoding 949 | Out-Null
        $cp949 = [Text.Encoding]::GetEncoding(949)
        (Import-Csv $path -Encoding $cp949 | Select-Object -First 1).BuyerName | Should -Match '^[가-힣]+$'
        { Export-PortOnePayment $path -Encoding 'no-such-encoding' } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,PortOne.Commands.ExportPortOnePaymentCommand'
    }

    It 'refuses a -Path it cannot write: <Case>' -ForEach @(
        @{ Case = 'a folder that does not exist'; Path = { Join-Path $TestDrive 'no/such/folder/x.csv' } }
        @{ Case = 'a folder, without -Checkpoint'; Path = { $TestDrive } }
    ) {
        $err = { Export-PortOnePayment (& $Path) -Status Paid @range } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.ExportFailed,PortOne.Commands.ExportPortOnePaymentCommand'
        $err.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-PortOnePayment | Export-Csv' {
    It 'writes readable text for AdditionalFields and every nested value, never a type name' {
        $path = Join-Path $TestDrive 'pipeline.csv'
        Get-PortOnePayment @range | Export-Csv $path
        $rows = @(Import-Csv $path)
        $typeNames = @($rows | ForEach-Object { $_.PSObject.Properties.Value } | Where-Object { $_ -match '^(System|PortOne)\.[\w.`\[\],]+$' } | Select-Object -Unique)
        $typeNames | Should -BeNullOrEmpty
        $extra = @($rows | Where-Object AdditionalFields)
        $extra.Count | Should -BeGreaterThan 0 -Because 'the emulator sends fields this module does not know'
        { $extra[0].AdditionalFields | ConvertFrom-Json } | Should -Not -Throw
        @($rows | Where-Object { $_.CancelHistory -match '\d{4}-\d\d-\d\dT' }).Count | Should -BeGreaterThan 0
    }
}

Describe 'A checkpoint that is missing' {
    It 'is an error for both commands, and -NewCheckpoint starts one only where there is none' {
        $cp = Join-Path $TestDrive 'missing.checkpoint'
        $err = { Export-PortOnePayment $TestDrive -Checkpoint $cp @quick } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'PortOne.CheckpointMissing,PortOne.Commands.ExportPortOnePaymentCommand'
        $err.ErrorDetails.RecommendedAction | Should -Match '-NewCheckpoint'
        { Get-PortOnePayment -Checkpoint $cp @quick } | Should -Throw -ErrorId 'PortOne.CheckpointMissing,PortOne.Commands.GetPortOnePaymentCommand'
        $cp | Should -Not -Exist

        $first = Export-PortOnePayment $TestDrive -Checkpoint $cp -NewCheckpoint -From (Get-Date) @quick
        $first.Run | Should -Be 1
        $first.Path | Should -Be (Join-Path $TestDrive 'missing-000001.csv')
        { Export-PortOnePayment $TestDrive -Checkpoint $cp -NewCheckpoint @quick } |
            Should -Throw -ErrorId 'PortOne.InvalidCheckpointParameter,PortOne.Commands.ExportPortOnePaymentCommand'
        Remove-Item $cp
        { Export-PortOnePayment $TestDrive -Checkpoint $cp @quick } | Should -Throw -ErrorId 'PortOne.CheckpointMissing,PortOne.Commands.ExportPortOnePaymentCommand'
    }
}

Describe 'The nightly export, run after run, through failures and killed processes, while payments change' {
    BeforeAll {
        $script:folder = New-Item (Join-Path $TestDrive 'ledger') -ItemType Directory
        $script:cp = Join-Path $TestDrive 'ledger.checkpoint'
        $script:runs = [System.Collections.Generic.List[object]]::new()
        $script:firstFrom = [DateTimeOffset]::FromUnixTimeSeconds([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + 1)
        $script:child = @"
Import-Module '$env:PORTONE_TEST_MODULE'
Connect-PortOne -Credential ([pscredential]::new('$($emu.ImpKey)', (ConvertTo-SecureString '$($emu.ImpSecret)' -AsPlainText -Force))) -ApiBaseUri '$($emu.BaseUri)'
Export-PortOnePayment '$folder' -Checkpoint '$cp' -SettleLag 00:00:01 -Overlap 00:00:04 | Out-Null
"@

        function script:Read-Runs { if (Test-Path $cp) { (Get-Content $cp -Raw | ConvertFrom-Json -DateKind String).runs } else { 0 } }

        function script:Invoke-Churn([int] $Requests) {
            1..$Requests | ForEach-Object { $null = Get-PortOnePayment -Status Failed -First 1 }
            Start-Sleep -Milliseconds 1200
        }

        function script:Invoke-Run([string] $Name, [scriptblock] $Job) {
            $before = Read-Runs
            $start = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
            $failure = $null
            try { & $Job } catch { $failure = $_ }
            $after = Read-Runs
            $checkpoint = Get-Content $cp -Raw | ConvertFrom-Json -DateKind String
            $runs.Add([pscustomobject]@{
                Name = $Name; Failure = $failure; Moved = $after -gt $before; Runs = $after; Start = $start; Stop = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
                From = [DateTimeOffset]::Parse($checkpoint.readFrom, [cultureinfo]::InvariantCulture).ToUnixTimeSeconds()
                End = [DateTimeOffset]::Parse($checkpoint.end, [cultureinfo]::InvariantCulture).ToUnixTimeSeconds()
                Files = @(Get-ChildItem $folder -File).Name
            })
        }

        function script:Invoke-Killed([string] $Step) {
            # A fresh pwsh that kills itself (SIGKILL) right after the step: no finally block, no flush, its lock dropped by the OS.
            $env:PORTONE_TEST_FAULT = "$($Step):kill"
            try { & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $child }
            finally { $env:PORTONE_TEST_FAULT = $null }
            if ($LASTEXITCODE -eq 0) { throw "The run was to be killed after $Step, and exited normally." }
        }

        Set-EmulatorFault $emu @{ churn = 2 }
        try {
            Start-Sleep -Milliseconds 1100
            Invoke-Run 'first' { Export-PortOnePayment $folder -Checkpoint $cp -NewCheckpoint -From $firstFrom.LocalDateTime @quick | Out-Null }
            foreach ($step in [Enum]::GetNames([PortOne.Export.ExportStep])) {
                Invoke-Churn 4
                Invoke-Run "killed after $step" { Invoke-Killed $step }
                Invoke-Churn 3
                Invoke-Run "after the kill at $step" { Export-PortOnePayment $folder -Checkpoint $cp @quick | Out-Null }
            }
            Invoke-Churn 4
            Invoke-Run 'failed after FileRenamed (an error, not a kill)' {
                $env:PORTONE_TEST_FAULT = 'FileRenamed'
                try { Export-PortOnePayment $folder -Checkpoint $cp @quick | Out-Null } finally { $env:PORTONE_TEST_FAULT = $null }
            }
            Invoke-Churn 3
            Invoke-Run 'stopped downstream with -PassThru' { Export-PortOnePayment $folder -Checkpoint $cp -PassThru @quick | Select-Object -First 1 | Out-Null }
            Invoke-Churn 3
            Invoke-Run 'last' { Export-PortOnePayment $folder -Checkpoint $cp @quick | Out-Null }
        }
        finally {
            Set-EmulatorFault $emu @{}
            $env:PORTONE_TEST_FAULT = $null
        }

        $script:truth = @{}
        foreach ($group in Get-EmulatorChange $emu | Group-Object imp_uid) {
            $changes = @($group.Group)
            for ($i = 0; $i -lt $changes.Count; $i++) {
                $c = $changes[$i]
                $truth["$($c.imp_uid) $($c.status) $($c.status_at) $($c.refunded_at)"] = [pscustomobject]@{
                    Time = [Math]::Max($c.status_at, $c.refunded_at); ChangedAt = $c.changed_at
                    NextAt = if ($i + 1 -lt $changes.Count) { $changes[$i + 1].changed_at } else { [long]::MaxValue }
                }
            }
        }
        $script:final = [int](Read-Runs)
        $script:union = @(foreach ($n in 1..$final) { Import-Csv (Join-Path $folder ('ledger-{0:D6}.csv' -f $n)) | Get-RowState })
        $script:ok = @($runs | Where-Object Moved)
        $script:must = @(foreach ($run in $ok) {
            foreach ($key in $truth.Keys) {
                $s = $truth[$key]
                if ($s.Time -ge $run.From -and $s.Time -le $run.End -and $s.ChangedAt -le $run.End -and $s.NextAt -gt $run.Stop) { $key }
            }
        }) | Select-Object -Unique
        foreach ($run in $runs) {
            Write-Host ("  {0,-48} runs {1,2} {2,-6} files: {3}  {4}" -f $run.Name, $run.Runs, $(if ($run.Moved) { 'moved' } else { 'stayed' }),
                $(($run.Files | Select-Object -Last 2) -join ' '), $(if ($run.Failure) { $run.Failure.FullyQualifiedErrorId } else { '' }))
        }
        Write-Host "  $($truth.Count) states in the emulator's log; $($must.Count) stood through a successful run; $($union.Count) rows in $final final files"
    }

    It 'holds no payment state twice in the final files' {
        @($union | Group-Object | Where-Object Count -GT 1 | ForEach-Object Name) | Should -BeNullOrEmpty
        $union.Count | Should -BeGreaterThan 30
    }

    It 'holds every state that stood through a successful run whose range holds its time' {
        @($must | Where-Object { $_ -notin $union }) | Should -BeNullOrEmpty
        $must.Count | Should -BeGreaterThan 30
    }

    It 'holds only states the payments were in, from the covered time' {
        @($union | Where-Object { -not $truth.ContainsKey($_) }) | Should -BeNullOrEmpty
        @($union | Where-Object { $truth[$_].Time -lt $firstFrom.ToUnixTimeSeconds() }) | Should -BeNullOrEmpty
    }

    It 'moved the checkpoint exactly when a kill came after its rename, and left one file per counted run' {
        foreach ($run in $runs | Where-Object Name -Like 'killed after *') {
            $step = $run.Name -replace '^killed after '
            $run.Moved | Should -Be ($step -in 'CheckpointRenamed', 'CheckpointFolderSynced') -Because "a kill after $step"
        }
        foreach ($run in $runs | Where-Object Name -Like 'after the kill*') {
            # A read that payments changed under, so that it cannot prove itself complete, rightly moves nothing either.
            ($run.Moved -or "$($run.Failure.FullyQualifiedErrorId)" -like 'PortOne.DataChanged,*') | Should -BeTrue -Because "'$($run.Name)' repairs"
        }
        @($runs | Where-Object { $_.Name -like 'after the kill*' -and $_.Moved }).Count | Should -BeGreaterThan 4
        ($runs | Where-Object Name -Like 'failed after*').Moved | Should -BeFalse
        ($runs | Where-Object Name -Like 'stopped downstream*').Moved | Should -BeFalse
        $names = @(Get-ChildItem $folder -File -Filter *.csv).Name | Sort-Object
        $names | Should -Be @(1..$final | ForEach-Object { 'ledger-{0:D6}.csv' -f $_ }) -Because 'the last run succeeded: nothing else is left'
    }
}
