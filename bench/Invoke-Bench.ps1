<#
.SYNOPSIS
    Benchmarks the built PortOne module against the local emulator and writes out/bench.json.
.DESCRIPTION
    Starts the emulator(s) itself (127.0.0.1 only, stopped again in any case). The module part (scenarios a-e)
    compares three subjects:
      ours   Get-PortOnePayment from the built module
      IRM    bench/Baseline.InvokeRestMethod.ps1, the sequential Invoke-RestMethod page loop an admin would write
      limit  bench/PortOne.Bench.Limit, HttpClient + JsonDocument reading the same pages sequentially, emitting nothing
    Every PowerShell run is a fresh child pwsh (bench/Invoke-BenchChild.ps1) that times itself after Import-Module
    and Connect-PortOne (or the IRM token call); the limit is a fresh process that warms up before it times.
    Each scenario runs one warm-up round and then N timed rounds (N = 5, -Quick 2), the subjects interleaved in
    every round so drift on the machine hits them alike.

      a  ~100,000 paid payments of one 90-day window to Measure-Object, no latency
      b  the same with 50 ms injected latency per /payments request
      c  time to the first object (Select-Object -First 1) vs one page's round trip, without and with 50 ms latency
      d  peak working set streaming 1,000,000 payments vs 10,000 (one run each)
      e  Import-Module of the manifest in a fresh pwsh vs an empty pwsh start (median of 10 each)
      g  (bench/Export.Bench.ps1) ~100,000 paid payments to a CSV file: Export-PortOnePayment vs Get-PortOnePayment |
         Export-Csv vs the raw fetch, each a fresh process timed start to exit, at 0 and 50 ms latency; and the peak
         memory of exporting 1,000,000 payments

    The paging part (f) runs bench/PortOne.Bench.Paging once per latency (0 and 50 ms) over about 100,000 payments
    in the newest 90-day window, for several status/sort combinations: the client's reader (OpenPayments().Read())
    against today's offset path (the reader of commit 54afe39, kept in bench/ as a baseline) and a reader that asks
    for one page at a time, with the page requests each one sent. One warm-up round and three timed rounds per
    combination (-Quick: two), the readers in rotating order.
.EXAMPLE
    dotnet pwsh ./bench/Invoke-Bench.ps1 -ModuleManifest ./out/PortOne/0.1.0/PortOne.psd1
.EXAMPLE
    dotnet pwsh ./build.ps1 Bench -Scenario Paging
    Only the paging table (about 4 minutes).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # Two timed runs per scenario instead of five (paging: three), and three pwsh starts per side in scenario e instead of ten.
    [switch] $Quick,
    # Module (scenarios a-e), Paging (f), Export (g), or all (the default); a comma-separated string works too.
    [string[]] $Scenario = @('Module', 'Paging', 'Export')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ProgressPreference = 'SilentlyContinue'

$Root = Split-Path $PSScriptRoot -Parent
$Scenario = @($Scenario -split ',' | ForEach-Object Trim | Where-Object { $_ })
foreach ($name in $Scenario) { if ($name -notin 'Module', 'Paging', 'Export') { throw "Unknown scenario '$name': use Module, Paging, Export, or a list of them." } }
$ModuleManifest = (Resolve-Path $ModuleManifest).Path
$Runs = if ($Quick) { 2 } else { 5 }
$StartRuns = if ($Quick) { 3 } else { 10 }
$Dotnet = [Environment]::ProcessPath
$PwshDll = Join-Path $PSHOME 'pwsh.dll'
$ChildScript = Join-Path $PSScriptRoot 'Invoke-BenchChild.ps1'
$LimitProject = Join-Path $PSScriptRoot 'PortOne.Bench.Limit'
$LimitDll = Join-Path $LimitProject 'bin/Release/net10.0/PortOne.Bench.Limit.dll'
$PagingProject = Join-Path $PSScriptRoot 'PortOne.Bench.Paging'
$PagingDll = Join-Path $PagingProject 'bin/Release/net10.0/PortOne.Bench.Paging.dll'
$OutFile = Join-Path $Root 'out/bench.json'
$Day = 86400
$LatencyMs = 50

# Scenario a/b/c: one 90-day window holding about 100,000 paid payments (70 % of the generated ones are paid when
# counted by paid_at). Scenario d: 1,000,000 payments over 85 days, read with status all.
$PaymentsA = 145000
$PaymentsD = 1000000
$SpanDays = 85

# Scenario f: 400,000 payments over a year, so the newest 90-day window holds about 100,000 (70,000 of them paid).
$PaymentsF = 400000
$SpanDaysF = 365
$PagingRuns = if ($Quick) { 2 } else { 3 }
$PagingLatencies = 0, $LatencyMs
$PagingCombinations = 'all/-started', 'paid/-paid', 'paid/-updated', 'cancelled/-started', 'ready/-started', 'failed/-updated'
# Goals at 50 ms (issue 11): at least 3x faster than one page at a time, at most 1.2x slower than the offset path.
$OnePageGoal = 3
$OffsetGoal = 1.2

Import-Module (Join-Path $Root 'tests/PortOne.Emulator/PortOne.Emulator.psm1') -Force

function Write-Step([string] $Text) { Write-Host ".. $Text" -ForegroundColor DarkGray }

function Invoke-BenchChild {
    # One fresh pwsh running bench/Invoke-BenchChild.ps1; returns its BENCH result.
    param([Parameter(Mandatory)] [System.Collections.IDictionary] $Parameters)
    $argList = foreach ($name in $Parameters.Keys) {
        $value = $Parameters[$name]
        if ($value -is [bool]) { if ($value) { "-$name" } }  # a switch
        else { "-$name"; [string]$value }
    }
    $lines = & $Dotnet $PwshDll -NoProfile -NonInteractive -File $ChildScript @argList
    if ($LASTEXITCODE -ne 0) { throw "The benchmark child failed (exit $LASTEXITCODE): $($lines -join "`n")" }
    $line = @($lines | Where-Object { "$_".StartsWith('BENCH ') }) | Select-Object -Last 1
    if (-not $line) { throw "The benchmark child printed no result: $($lines -join "`n")" }
    "$line".Substring(6) | ConvertFrom-Json
}

function Invoke-Limit {
    # One fresh PortOne.Bench.Limit process; returns its JSON line.
    param($Emulator, [string] $Status, [long] $From, [long] $To, [switch] $PageOne)
    $mode = if ($PageOne) { 'page1' } else { 'all' }
    $lines = & $Dotnet $LimitDll $Emulator.BaseUri $Emulator.ImpKey $Emulator.ImpSecret $Status $From $To 1000 $mode
    if ($LASTEXITCODE -ne 0) { throw "The limit failed (exit $LASTEXITCODE): $($lines -join "`n")" }
    @($lines)[-1] | ConvertFrom-Json
}

function Get-SnapshotCount {
    # How many payments the emulator holds for a status and window (its own view, ignoring paging).
    param($Emulator, [string] $Status, [long] $From, [long] $To)
    $json = (Invoke-WebRequest -Uri "$($Emulator.BaseUri)__emulator/snapshot?status=$Status&from=$From&to=$To").Content
    $doc = [System.Text.Json.JsonDocument]::Parse($json)
    try { $doc.RootElement.GetArrayLength() } finally { $doc.Dispose() }
}

function Measure-Round {
    # A warm-up round, then $Rounds timed rounds; in every round each subject runs once, in the given order.
    param([Parameter(Mandatory)] [string] $Label, [Parameter(Mandatory)] [System.Collections.Specialized.OrderedDictionary] $Subjects, [int] $Rounds = $Runs)
    $samples = [ordered]@{}
    foreach ($name in $Subjects.Keys) { $samples[$name] = [System.Collections.Generic.List[object]]::new() }
    for ($round = 0; $round -le $Rounds; $round++) {
        $parts = foreach ($name in $Subjects.Keys) {
            $result = & $Subjects[$name]
            if ($round -gt 0) { $samples[$name].Add($result) }
            '{0} {1:0} ms' -f $name, $result.ms
        }
        Write-Step ("{0}, {1}: {2}" -f $Label, $(if ($round -eq 0) { 'warm-up' } else { "run $round/$Rounds" }), ($parts -join ', '))
    }
    $samples
}

function Get-Stat([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $n = $sorted.Count
    $median = if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
    [pscustomobject]@{ Median = $median; Min = $sorted[0]; Max = $sorted[-1]; Samples = $Values }
}

$rows = [System.Collections.Generic.List[object]]::new()
function Add-Row {
    param([string] $Scenario, [string] $Subject, [string] $Unit, $Stat, [string] $Ratio = '', [string] $Target = '', [string] $Met = '', [hashtable] $Extra = @{})
    $format = if ($Unit -eq 'MB') { '{0:0.0} MB' } else { '{0:0} ms' }
    $rows.Add([pscustomobject]@{
        Scenario = $Scenario; Subject = $Subject; Unit = $Unit
        Median = $Stat.Median; Min = $Stat.Min; Max = $Stat.Max; Samples = $Stat.Samples
        MedianText = $format -f $Stat.Median; MinText = $format -f $Stat.Min; MaxText = $format -f $Stat.Max
        Ratio = $Ratio; Target = $Target; Met = $Met; Extra = $Extra
    })
}

function Test-Count {
    # Every run must have read exactly what the emulator holds; a benchmark of a wrong answer is worthless.
    param([string] $What, $Samples, [long] $Expected)
    foreach ($s in $Samples) {
        if ([long]$s.count -ne $Expected) { throw "$What read $($s.count) payments; the emulator holds $Expected." }
    }
}

function YesNo([bool] $ok) { if ($ok) { 'yes' } else { 'NO' } }

function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { 'n/a' }
}

# ---------------------------------------------------------------------------------------------------------------
$watchAll = [System.Diagnostics.Stopwatch]::StartNew()
foreach ($project in @(if ('Module' -in $Scenario -or 'Export' -in $Scenario) { $LimitProject }) + @(if ('Paging' -in $Scenario) { $PagingProject })) {
    Write-Step "building $(Split-Path $project -Leaf)"
    & dotnet build $project -c Release --nologo -v:q -clp:NoSummary
    if ($LASTEXITCODE -ne 0) { throw "dotnet build $project failed." }
}

# The window: the last 90 days up to a pinned anchor (a minute ago), so every run sends the same from/to and the
# generated data (spread over 85 days before the anchor) falls wholly inside it.
$anchor = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() - 60
$to = $anchor
$from = $to - 90 * $Day
$info = [ordered]@{
    generatedAt = [DateTimeOffset]::UtcNow.ToString('o')
    machine = [ordered]@{
        cores = [Environment]::ProcessorCount; os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription
        dotnet = [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription; pwsh = $PSVersionTable.PSVersion.ToString()
    }
    moduleManifest = $ModuleManifest; scenarios = $Scenario; quick = [bool]$Quick; timedRuns = $Runs; window = [ordered]@{ from = $from; to = $to }
    # Anything else running on the machine skews every figure: the load average before and after says whether it did.
    loadAverageAtStart = Get-LoadAverage
    raw = [ordered]@{}
}
if ('Module' -in $Scenario) {
    $emulators = [System.Collections.Generic.List[object]]::new()
    try {
        # ---- a, b, c: ~100k paid -----------------------------------------------------------------------------
        Write-Step "starting the emulator: $PaymentsA payments over $SpanDays days"
        $emuA = Start-PortOneEmulator -ArgumentList '--payments', $PaymentsA, '--seed', '42', '--span-days', $SpanDays, '--anchor', $anchor, '--tie-order', 'stable'
        $emulators.Add($emuA)
        $paid = Get-SnapshotCount $emuA 'paid' $from $to
        $info.paymentsA = [ordered]@{ generated = $PaymentsA; spanDays = $SpanDays; paidInWindow = $paid }
        Write-Step ("the window holds {0:N0} paid payments" -f $paid)

        $common = @{ BaseUri = $emuA.BaseUri; ImpKey = $emuA.ImpKey; ImpSecret = $emuA.ImpSecret; Status = 'paid'; From = $from; To = $to; PageSize = 1000 }
        $throughput = [ordered]@{
            ours  = { Invoke-BenchChild (@{ Subject = 'Ours'; Mode = 'All'; ModuleManifest = $ModuleManifest; Repeat = $true } + $common) }
            IRM   = { Invoke-BenchChild (@{ Subject = 'Irm'; Mode = 'All' } + $common) }
            limit = { Invoke-Limit $emuA 'paid' $from $to }
        }
        $firstObject = [ordered]@{
            ours  = { Invoke-BenchChild (@{ Subject = 'Ours'; Mode = 'First'; ModuleManifest = $ModuleManifest } + $common) }
            IRM   = { Invoke-BenchChild (@{ Subject = 'Irm'; Mode = 'First' } + $common) }
            limit = { Invoke-Limit $emuA 'paid' $from $to -PageOne }
        }

        function Add-ThroughputRows([string] $Scenario, $Samples, [double] $IrmTarget, [double] $LimitTarget) {
            foreach ($name in $Samples.Keys) { Test-Count "$Scenario/$name" $Samples[$name] $paid }
            $info.raw[$Scenario] = $Samples
            $ours = Get-Stat $Samples.ours.ms
            $oursRepeat = Get-Stat $Samples.ours.msRepeat
            $irm = Get-Stat $Samples.IRM.ms
            $limit = Get-Stat $Samples.limit.ms
            $vsIrm = $irm.Median / $ours.Median
            $vsLimit = $limit.Median / $ours.Median
            $target = ">= {0}x IRM" -f $IrmTarget
            $met = YesNo ($vsIrm -ge $IrmTarget)
            if ($LimitTarget -gt 0) {
                $target += "; >= {0}x limit" -f $LimitTarget
                $met += '; ' + (YesNo ($vsLimit -ge $LimitTarget))
            }
            $perSecond = { param($s) '{0:N0}/s' -f ($paid / ($s.Median / 1000)) }
            Add-Row $Scenario 'ours: Get-PortOnePayment | Measure-Object' 'ms' $ours ('{0:0.00}x IRM; {1:0.00}x limit ({2})' -f $vsIrm, $vsLimit, (& $perSecond $ours)) $target $met
            Add-Row $Scenario 'ours: same query again, same session' 'ms' $oursRepeat ('{0:0.00}x IRM; {1:0.00}x limit ({2})' -f ($irm.Median / $oursRepeat.Median), ($limit.Median / $oursRepeat.Median), (& $perSecond $oursRepeat)) '(info)'
            Add-Row $Scenario 'IRM loop | Measure-Object' 'ms' $irm ('baseline ({0})' -f (& $perSecond $irm))
            Add-Row $Scenario 'limit: HttpClient + JsonDocument, sequential' 'ms' $limit ('baseline ({0})' -f (& $perSecond $limit))
        }

        function Add-FirstObjectRows([string] $Scenario, $Samples) {
            $info.raw[$Scenario] = $Samples
            $ours = Get-Stat $Samples.ours.ms
            $oursRepeat = Get-Stat $Samples.ours.msRepeat
            $irm = Get-Stat $Samples.IRM.ms
            $limit = Get-Stat $Samples.limit.ms
            $ratio = { param($s) '{0:0.00}x limit page; {1:0.00}x IRM page' -f ($s.Median / $limit.Median), ($s.Median / $irm.Median) }
            Add-Row $Scenario 'ours: first query after Connect | Select -First 1' 'ms' $ours (& $ratio $ours) '<= 1.2x limit page' (YesNo ($ours.Median -le 1.2 * $limit.Median))
            Add-Row $Scenario 'ours: same query again, same session' 'ms' $oursRepeat (& $ratio $oursRepeat) '(info)'
            Add-Row $Scenario 'IRM: one page (first after token)' 'ms' $irm 'baseline'
            Add-Row $Scenario 'limit: one page (page1 mode, warm)' 'ms' $limit 'baseline'
        }

        $labelA = 'a {0:N0} paid, no latency' -f $paid
        Add-ThroughputRows $labelA (Measure-Round 'a' $throughput) 5 0.5
        $stats = Invoke-EmulatorControl -Emulator $emuA -Path 'stats'
        $info.emulatorStatsAfterA = $stats

        Add-FirstObjectRows 'c first object, no latency' (Measure-Round 'c, no latency' $firstObject)

        Set-EmulatorFault $emuA @{ latencyMs = $LatencyMs }
        Add-ThroughputRows ('b {0:N0} paid, {1} ms latency' -f $paid, $LatencyMs) (Measure-Round 'b' $throughput) 3 0
        Add-FirstObjectRows ("c first object, $LatencyMs ms latency") (Measure-Round "c, $LatencyMs ms latency" $firstObject)
        Set-EmulatorFault $emuA @{}
        $emuA | Stop-PortOneEmulator
        $null = $emulators.Remove($emuA)

        # ---- d: memory, 1,000,000 payments ------------------------------------------------------------------
        Write-Step "starting the emulator: $PaymentsD payments over $SpanDays days"
        $emuD = Start-PortOneEmulator -ArgumentList '--payments', $PaymentsD, '--seed', '7', '--span-days', $SpanDays, '--anchor', $anchor, '--tie-order', 'stable'
        $emulators.Add($emuD)
        $windows = [ordered]@{
            # Status all filters each payment on its own state's time, so the days next to the anchor are the densest.
            small = @{ From = $to - [long](0.53 * $Day); To = $to }     # ~10,000
            medium = @{ From = $to - [long](7 * $Day); To = $to }       # ~100,000
            full = @{ From = $from; To = $to }                          # 1,000,000
        }
        $counts = @{}
        foreach ($w in $windows.Keys) { $counts[$w] = Get-SnapshotCount $emuD 'all' $windows[$w].From $windows[$w].To }
        $info.paymentsD = [ordered]@{ generated = $PaymentsD; spanDays = $SpanDays; windows = $windows; counts = $counts }
        $memory = [ordered]@{}
        foreach ($run in @(@('ours', 'small', 'Ours'), @('ours', 'full', 'Ours'), @('IRM', 'small', 'Irm'), @('IRM', 'medium', 'Irm'))) {
            $name, $w, $subject = $run
            $p = @{ Subject = $subject; Mode = 'All'; BaseUri = $emuD.BaseUri; ImpKey = $emuD.ImpKey; ImpSecret = $emuD.ImpSecret
                    Status = 'all'; From = $windows[$w].From; To = $windows[$w].To; PageSize = 1000 }
            if ($subject -eq 'Ours') { $p.ModuleManifest = $ModuleManifest }
            $result = Invoke-BenchChild $p
            Test-Count "d/$name/$w" @($result) $counts[$w]
            $memory["$name/$w"] = $result
            Write-Step ("d, {0} {1:N0} payments: peak working set {2:0.0} MB, {3:0} ms" -f $name, $counts[$w], $result.peakMB, $result.ms)
        }
        $info.memoryRuns = $memory
        $one = { param($r) [pscustomobject]@{ Median = [double]$r.peakMB; Min = [double]$r.peakMB; Max = [double]$r.peakMB; Samples = @([double]$r.peakMB) } }
        $oursGrowth = $memory['ours/full'].peakMB - $memory['ours/small'].peakMB
        $irmGrowth = $memory['IRM/medium'].peakMB - $memory['IRM/small'].peakMB
        Add-Row 'd peak working set, status all' ('ours: {0:N0} payments' -f $counts.small) 'MB' (& $one $memory['ours/small']) ('{0:0} ms' -f $memory['ours/small'].ms)
        Add-Row 'd peak working set, status all' ('ours: {0:N0} payments' -f $counts.full) 'MB' (& $one $memory['ours/full']) ('+{0:0.0} MB vs {1:N0}; {2:0} ms' -f $oursGrowth, $counts.small, $memory['ours/full'].ms) '<= +100 MB' (YesNo ($oursGrowth -le 100))
        Add-Row 'd peak working set, status all' ('IRM loop: {0:N0} payments' -f $counts.small) 'MB' (& $one $memory['IRM/small']) ('{0:0} ms' -f $memory['IRM/small'].ms)
        Add-Row 'd peak working set, status all' ('IRM loop: {0:N0} payments' -f $counts.medium) 'MB' (& $one $memory['IRM/medium']) ('+{0:0.0} MB vs {1:N0}; {2:0} ms' -f $irmGrowth, $counts.small, $memory['IRM/medium'].ms) '(info)'
        $emuD | Stop-PortOneEmulator
        $null = $emulators.Remove($emuD)
    }
    finally {
        foreach ($e in $emulators) { $e | Stop-PortOneEmulator }
    }

    # ---- e: Import-Module vs an empty start (wall clock of the whole process) -------------------------------
    $startCommands = [ordered]@{
        empty  = '$null = 0'
        import = "Import-Module -Name '$($ModuleManifest.Replace("'", "''"))'"
    }
    $starts = [ordered]@{ empty = [System.Collections.Generic.List[double]]::new(); import = [System.Collections.Generic.List[double]]::new() }
    for ($i = 0; $i -le $StartRuns; $i++) {
        foreach ($name in $startCommands.Keys) {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            & $Dotnet $PwshDll -NoProfile -NonInteractive -Command $startCommands[$name]
            $watch.Stop()
            if ($LASTEXITCODE -ne 0) { throw "pwsh -Command $($startCommands[$name]) failed." }
            if ($i -gt 0) { $starts[$name].Add($watch.Elapsed.TotalMilliseconds) }
        }
    }
    $empty = Get-Stat $starts.empty
    $import = Get-Stat $starts.import
    $above = $import.Median - $empty.Median
    Write-Step ('e: empty start {0:0} ms, with Import-Module {1:0} ms (medians of {2})' -f $empty.Median, $import.Median, $StartRuns)
    Add-Row 'e pwsh start' 'empty pwsh -Command (no module)' 'ms' $empty 'baseline'
    Add-Row 'e pwsh start' 'pwsh -Command Import-Module PortOne.psd1' 'ms' $import ('+{0:0} ms vs empty' -f $above) '<= +150 ms' (YesNo ($above -le 150))
}

# ---- g: a file: Export-PortOnePayment vs Get-PortOnePayment | Export-Csv vs the raw fetch ----------------------
. (Join-Path $PSScriptRoot 'Export.Bench.ps1')
if ('Export' -in $Scenario) { Invoke-ExportScenario }

# ---- f: paging: the client's reader vs today's offset path vs one page at a time ----------------------------
function Get-PagingCells {
    # One PortOne.Bench.Paging process over every combination at the emulator's current latency; its CELL lines.
    param($Emulator, [long] $From, [long] $To, [int] $Latency)
    & $Dotnet $PagingDll $Emulator.BaseUri $Emulator.ImpKey $Emulator.ImpSecret $From $To $PagingRuns @PagingCombinations | ForEach-Object {
        if ("$_".StartsWith('CELL ')) { "$_".Substring(5) | ConvertFrom-Json }
        else { Write-Step ("f, {0} ms latency: {1}" -f $Latency, ("$_" -replace '^\.\. ', '')) }
    }
    if ($LASTEXITCODE -ne 0) { throw "PortOne.Bench.Paging failed (exit $LASTEXITCODE)." }
}

$pagingRows = [System.Collections.Generic.List[object]]::new()
if ('Paging' -in $Scenario) {
    Write-Step "starting the emulator: $PaymentsF payments over $SpanDaysF days"
    # Ties in a stable order: the baselines page by offset and lose payments when ties are drawn afresh per request.
    $emuF = Start-PortOneEmulator -ArgumentList '--payments', $PaymentsF, '--seed', '42', '--span-days', $SpanDaysF, '--anchor', $anchor, '--tie-order', 'stable'
    try {
        $info.paging = [ordered]@{ generated = $PaymentsF; spanDays = $SpanDaysF; window = [ordered]@{ from = $from; to = $to }
                                   timedRuns = $PagingRuns; pageSize = 1000; pagesInFlight = 4; loadAverageAtStart = Get-LoadAverage }
        # Two ledgers: the generated one (spread), then the same with five flash sales of 5,000 payments within 10
        # seconds each (500 a second: 400 paid, 100 cancelled), spaced over the window.
        $ledgers = 'spread', 'flash sale'
        foreach ($ledger in $ledgers) {
            if ($ledger -eq 'flash sale') {
                foreach ($sale in 1..5) {
                    $start = $to - [long]($sale * 86400 * 15)
                    foreach ($second in 0..9) {
                        $null = Add-EmulatorBurst -Emulator $emuF -At ($start + $second) -Count 400 -Status paid
                        $null = Add-EmulatorBurst -Emulator $emuF -At ($start + $second) -Count 100 -Status cancelled
                    }
                }
            }
            foreach ($latency in $PagingLatencies) {
                Set-EmulatorFault $emuF @{ latencyMs = $latency }
                foreach ($cell in Get-PagingCells $emuF $from $to $latency) {
                    $stat = @{}
                    foreach ($reader in 'new', 'offset', 'onePage') {
                        $samples = $cell.readers.$reader
                        $stat[$reader] = Get-Stat $samples.ms
                        $stat[$reader] | Add-Member -NotePropertyName Requests -NotePropertyValue (Get-Stat $samples.requests).Median
                    }
                    $offsetOverNew = $stat.offset.Median / $stat.new.Median
                    $onePageOverNew = $stat.onePage.Median / $stat.new.Median
                    $met = if ($latency -eq $LatencyMs) {
                        '{0}; {1}' -f (YesNo ($onePageOverNew -ge $OnePageGoal)), (YesNo ($offsetOverNew * $OffsetGoal -ge 1))
                    } else { '(info)' }
                    $pagingRows.Add([pscustomobject][ordered]@{
                        Ledger = $ledger; LatencyMs = $latency; Query = "$($cell.status) $($cell.sorting)"; Payments = $cell.payments
                        New = $stat.new; Offset = $stat.offset; OnePage = $stat.onePage
                        OffsetOverNew = $offsetOverNew; OnePageOverNew = $onePageOverNew; Met = $met
                    })
                }
            }
        }
        Set-EmulatorFault $emuF @{}
        $info.paging.loadAverageAtEnd = Get-LoadAverage
        $info.paging.rows = $pagingRows
    }
    finally {
        $emuF | Stop-PortOneEmulator
    }
}

# ---- report ---------------------------------------------------------------------------------------------------
$watchAll.Stop()
$info.loadAverageAtEnd = Get-LoadAverage
$info.totalSeconds = [math]::Round($watchAll.Elapsed.TotalSeconds)
$info.rows = $rows | Select-Object Scenario, Subject, Unit, Median, Min, Max, Samples, Ratio, Target, Met
$null = New-Item (Split-Path $OutFile) -ItemType Directory -Force
$info | ConvertTo-Json -Depth 8 | Set-Content -Path $OutFile -Encoding utf8

if ($rows.Count -gt 0) {
    $table = $rows | Format-Table -Wrap -Property Scenario, Subject,
        @{ n = 'Median'; e = { $_.MedianText }; a = 'right' }, @{ n = 'Min'; e = { $_.MinText }; a = 'right' },
        @{ n = 'Max'; e = { $_.MaxText }; a = 'right' }, @{ n = 'Ratio vs baselines'; e = { $_.Ratio } }, Target, Met |
        Out-String -Width 400
    Write-Host $table.TrimEnd()
    Write-Host ''
    if ('Module' -in $Scenario) {
        Write-Host ('Emulator page server time after scenario a: median {0} ms per page over its last {1:N0} by-status pages (of 1,000 payments), from GET /__emulator/stats; data load {2:N0} ms, working set {3} MB.' -f
            $stats.pageServerMsMedian, [math]::Min(10000, [long]$stats.pageRequests), $stats.loadMs, $stats.workingSetMb)
    }
    Write-Host ("{0} timed runs per scenario (plus a warm-up)." -f $Runs)
}
if ($pagingRows.Count -gt 0) {
    $seconds = { param($s) '{0:0.00} s' -f ($s.Median / 1000) }
    $table = $pagingRows | Format-Table -Property Ledger, @{ n = 'Latency'; e = { '{0} ms' -f $_.LatencyMs } }, Query, @{ n = 'Payments'; e = { '{0:N0}' -f $_.Payments } },
        @{ n = 'new'; e = { & $seconds $_.New }; a = 'right' }, @{ n = 'offset (54afe39)'; e = { & $seconds $_.Offset }; a = 'right' },
        @{ n = 'one page at a time'; e = { & $seconds $_.OnePage }; a = 'right' },
        @{ n = 'offset/new'; e = { '{0:0.00}x' -f $_.OffsetOverNew }; a = 'right' }, @{ n = 'onepage/new'; e = { '{0:0.00}x' -f $_.OnePageOverNew }; a = 'right' },
        @{ n = 'requests new/offset/onepage'; e = { '{0}/{1}/{2}' -f $_.New.Requests, $_.Offset.Requests, $_.OnePage.Requests }; a = 'right' },
        @{ n = "met at $LatencyMs ms: >= ${OnePageGoal}x onepage; <= ${OffsetGoal}x offset"; e = { $_.Met } } |
        Out-String -Width 400
    Write-Host ''
    Write-Host "f paging: medians of $PagingRuns timed runs (plus a warm-up) per query, $('{0:N0}' -f $PaymentsF) payments over $SpanDaysF days, the newest 90-day window; load average $($info.paging.loadAverageAtStart) -> $($info.paging.loadAverageAtEnd)"
    Write-Host $table.TrimEnd()
}
Write-Host ''
Write-Host ("Load average at start {0}, at end {1}; total {2:0} s; written to {3}" -f
    $info.loadAverageAtStart, $info.loadAverageAtEnd, $watchAll.Elapsed.TotalSeconds, $OutFile)
