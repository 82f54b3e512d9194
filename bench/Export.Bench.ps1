<#
.SYNOPSIS
    Scenario g of bench/Invoke-Bench.ps1 (dot-sourced there; uses its helpers): a file of ~100,000 paid payments.
.DESCRIPTION
    Three subjects, each a fresh process timed from outside, start to exit (a fresh pwsh start, Import-Module and
    Connect-PortOne included for the two PowerShell ones), interleaved in every round:
      export    pwsh: Export-PortOnePayment <file>.csv -Status Paid -From -To
      exportPgo the same with DOTNET_TieredPGO=0 in its environment, as about_PortOne's nightly job sets it
      pipeline  pwsh: Get-PortOnePayment -Status Paid -From -To | Export-Csv <file>.csv
      limit     bench/PortOne.Bench.Limit in 'once' mode: the raw fetch (HttpClient + JsonDocument, pages one at a time,
                nothing written), one pass with no warm-up, so it pays its own process start and JIT as the others do
      limitPwsh the same raw fetch run inside a fresh pwsh (no module): what a script's own HttpClient + System.Text.Json
                loop costs in a fresh session, pwsh's start included, as issue 18 measured it
    Goals (issue 18): export <= 1.5x the raw fetch (both limits are shown: the bare process is the stricter), and
    >= 2.5x faster than the pipeline; the same at 50 ms latency per request. Then peak memory: Export-PortOnePayment
    of 1,000,000 payments vs ~10,000 (status all), at most +100 MB.
#>

function Invoke-ExportBenchChild {
    # One fresh pwsh (bench/Invoke-BenchChild.ps1), timed from outside; its own figures come back too.
    param([string] $Mode, $Emulator, [string] $Status, [long] $From, [long] $To, [string] $File, [switch] $NoPgo)
    # The runtime reads DOTNET_TieredPGO as the process starts: set for this child alone.
    if ($NoPgo) { $env:DOTNET_TieredPGO = '0' }
    try {
        Invoke-TimedChild @{ Subject = 'Ours'; Mode = $Mode; ModuleManifest = $ModuleManifest; OutFile = $File
                             BaseUri = $Emulator.BaseUri; ImpKey = $Emulator.ImpKey; ImpSecret = $Emulator.ImpSecret
                             Status = $Status; From = $From; To = $To; PageSize = 1000 }
    }
    finally {
        Remove-Item Env:DOTNET_TieredPGO -ErrorAction Ignore
    }
}

function Invoke-TimedChild {
    # Invoke-BenchChild timed from outside: ms is the whole process, msInside what it timed itself.
    param([System.Collections.IDictionary] $Parameters)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $child = Invoke-BenchChild $Parameters
    $watch.Stop()
    $child | Add-Member -NotePropertyName msInside -NotePropertyValue $child.ms
    $child.ms = $watch.Elapsed.TotalMilliseconds
    $child
}

function Invoke-LimitOnce {
    param($Emulator, [string] $Status, [long] $From, [long] $To)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $lines = & $Dotnet $LimitDll $Emulator.BaseUri $Emulator.ImpKey $Emulator.ImpSecret $Status $From $To 1000 once
    $watch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "The limit failed (exit $LASTEXITCODE): $($lines -join "`n")" }
    $result = @($lines)[-1] | ConvertFrom-Json
    $result | Add-Member -NotePropertyName msInside -NotePropertyValue $result.ms
    $result.ms = $watch.Elapsed.TotalMilliseconds
    $result
}

function Invoke-LimitInPwsh {
    param($Emulator, [string] $Status, [long] $From, [long] $To)
    Invoke-TimedChild @{ Subject = 'Raw'; Mode = 'Limit'; LimitDll = $LimitDll; BaseUri = $Emulator.BaseUri
                         ImpKey = $Emulator.ImpKey; ImpSecret = $Emulator.ImpSecret; Status = $Status; From = $From; To = $To; PageSize = 1000 }
}

function Invoke-ExportScenario {
    $work = Join-Path $Root 'out/bench-export'
    $null = New-Item $work -ItemType Directory -Force
    $emulators = [System.Collections.Generic.List[object]]::new()
    try {
        Write-Step "g: starting the emulator: $PaymentsA payments over $SpanDays days"
        $emu = Start-PortOneEmulator -ArgumentList '--payments', $PaymentsA, '--seed', '42', '--span-days', $SpanDays, '--anchor', $anchor, '--tie-order', 'stable'
        $emulators.Add($emu)
        $paid = Get-SnapshotCount $emu 'paid' $from $to
        $subjects = [ordered]@{
            export   = { Invoke-ExportBenchChild 'Export' $emu 'paid' $from $to (Join-Path $work 'export.csv') }
            exportPgo = { Invoke-ExportBenchChild 'Export' $emu 'paid' $from $to (Join-Path $work 'export-pgo.csv') -NoPgo }
            pipeline = { Invoke-ExportBenchChild 'ExportCsv' $emu 'paid' $from $to (Join-Path $work 'pipeline.csv') }
            limit    = { Invoke-LimitOnce $emu 'paid' $from $to }
            limitPwsh = { Invoke-LimitInPwsh $emu 'paid' $from $to }
        }
        foreach ($latency in 0, $LatencyMs) {
            Set-EmulatorFault $emu @{ latencyMs = $latency }
            $label = 'g {0:N0} paid to a CSV file, {1} ms latency, fresh process each' -f $paid, $latency
            $samples = Measure-Round "g, $latency ms" $subjects
            foreach ($name in $samples.Keys) { Test-Count "g/$name" $samples[$name] $paid }
            $info.raw[$label] = $samples
            $export = Get-Stat $samples.export.ms
            $pipeline = Get-Stat $samples.pipeline.ms
            $limit = Get-Stat $samples.limit.ms
            $limitPwsh = Get-Stat $samples.limitPwsh.ms
            $overLimit = $export.Median / $limit.Median
            $overPwsh = $export.Median / $limitPwsh.Median
            $faster = $pipeline.Median / $export.Median
            $cpu = @{}
            foreach ($name in $samples.Keys) { $cpu[$name] = Get-Stat $samples[$name].processCpuMs }
            $goal = '<= 1.5x limit in pwsh; <= 1.5x bare limit; >= 2.5x pipeline'
            Add-Row $label 'export: Export-PortOnePayment x.csv' 'ms' $export ('{0:0.00}x the limit in pwsh; {1:0.00}x the bare limit; {2:0.00}x faster than the pipeline; inside pwsh {3:0} ms' -f $overPwsh, $overLimit, $faster, (Get-Stat $samples.export.msInside).Median) $goal ('{0}; {1}; {2}' -f (YesNo ($overPwsh -le 1.5)), (YesNo ($overLimit -le 1.5)), (YesNo ($faster -ge 2.5)))
            $exportPgo = Get-Stat $samples.exportPgo.ms
            $pgoOverPwsh = $exportPgo.Median / $limitPwsh.Median
            $pgoOverLimit = $exportPgo.Median / $limit.Median
            $pgoFaster = $pipeline.Median / $exportPgo.Median
            Add-Row $label 'export, DOTNET_TieredPGO=0 (the nightly job''s setting)' 'ms' $exportPgo ('{0:0.00}x the limit in pwsh; {1:0.00}x the bare limit; {2:0.00}x faster than the pipeline; {3:0.00}x the default export''s time' -f $pgoOverPwsh, $pgoOverLimit, $pgoFaster, ($exportPgo.Median / $export.Median)) $goal ('{0}; {1}; {2}' -f (YesNo ($pgoOverPwsh -le 1.5)), (YesNo ($pgoOverLimit -le 1.5)), (YesNo ($pgoFaster -ge 2.5)))
            Add-Row $label 'pipeline: Get-PortOnePayment | Export-Csv' 'ms' $pipeline ('baseline; inside pwsh {0:0} ms' -f (Get-Stat $samples.pipeline.msInside).Median)
            Add-Row $label 'limit: HttpClient + JsonDocument, one pass, cold' 'ms' $limit ('baseline; timed inside {0:0} ms' -f (Get-Stat $samples.limit.msInside).Median)
            Add-Row $label 'limit in pwsh: the same raw fetch in a fresh pwsh, no module' 'ms' $limitPwsh ('baseline; timed inside {0:0} ms' -f (Get-Stat $samples.limitPwsh.msInside).Median)
            # CPU time of each whole process: what the clock would show on an idle machine with one core per thread busy.
            Add-Row $label 'CPU time of the process: export' 'ms' $cpu.export ('{0:0.00}x the limit''s; pipeline''s {1:0.00}x the export''s' -f ($cpu.export.Median / $cpu.limit.Median), ($cpu.pipeline.Median / $cpu.export.Median)) '(info)'
            Add-Row $label 'CPU time of the process: pipeline' 'ms' $cpu.pipeline '' '(info)'
            Add-Row $label 'CPU time of the process: limit' 'ms' $cpu.limit '' '(info)'
        }
        Set-EmulatorFault $emu @{}
        $emu | Stop-PortOneEmulator
        $null = $emulators.Remove($emu)

        Write-Step "g: starting the emulator: $PaymentsD payments over $SpanDays days"
        $emuD = Start-PortOneEmulator -ArgumentList '--payments', $PaymentsD, '--seed', '7', '--span-days', $SpanDays, '--anchor', $anchor, '--tie-order', 'stable'
        $emulators.Add($emuD)
        $memory = [ordered]@{}
        foreach ($w in @(@('small', ($to - [long](0.53 * $Day))), @('full', $from))) {
            $name, $start = $w
            $count = Get-SnapshotCount $emuD 'all' $start $to
            $result = Invoke-ExportBenchChild 'Export' $emuD 'all' $start $to (Join-Path $work "memory-$name.csv")
            Test-Count "g/memory/$name" @($result) $count
            $memory[$name] = $result
            Write-Step ('g, export of {0:N0} payments: peak working set {1:0.0} MB, {2:0} ms' -f $count, $result.peakMB, $result.ms)
        }
        $info.raw['g memory'] = $memory
        $growth = $memory.full.peakMB - $memory.small.peakMB
        $one = { param($r) [pscustomobject]@{ Median = [double]$r.peakMB; Min = [double]$r.peakMB; Max = [double]$r.peakMB; Samples = @([double]$r.peakMB) } }
        Add-Row 'g peak working set, export, status all' ('export: {0:N0} payments' -f $memory.small.count) 'MB' (& $one $memory.small) ('{0:0} ms' -f $memory.small.ms)
        Add-Row 'g peak working set, export, status all' ('export: {0:N0} payments' -f $memory.full.count) 'MB' (& $one $memory.full) ('+{0:0.0} MB vs {1:N0}; {2:0} ms, of which GC pauses {3:0} ms ({4} gen2 collections)' -f $growth, $memory.small.count, $memory.full.ms, $memory.full.gc.pauseMs, $memory.full.gc.gen2) '<= +100 MB' (YesNo ($growth -le 100))
    }
    finally {
        foreach ($e in $emulators) { $e | Stop-PortOneEmulator }
        Remove-Item $work -Recurse -Force -ErrorAction Ignore
    }
}
