#!/usr/bin/env pwsh
# Keep the blank line below: Get-Help takes the first comment block, without a gap, as the script's help.

<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages the PortOne module.
.DESCRIPTION
    Run with the repository's pinned PowerShell: `dotnet tool restore; dotnet pwsh ./build.ps1 <Task>`.
      Build    compile everything and lay the module out as out/PortOne/<version>/
      Test     Build, then every xUnit and Pester test; ends with "Tests: N passed, M failed" (a file the run
               leaves in the repository counts as a failure)
      Demo     Build, start the emulator, run the README's recipes against it, stop it
      Bench    Build, then the benchmark (out/bench.json); -Scenario Paging (or Export) for that table alone
      Package  Build, then a .nupkg in out/repository via Publish-PSResource
      Mutate   Stryker.NET over the client library (src/PortOne.Client) against its xUnit tests; prints the
               mutation score per folder (-MutateFolder Checkpoints,Paging for a targeted run). Not part of Test:
               a whole run takes tens of minutes on 2 cores. Report: out/mutation/<run>/reports/
      Soak     the model-based contract tests (the reader's and the checkpoint's) with many more cases than Test
               runs (-SoakCases, 5000 by default); a failure prints its shrunk case and the seed that replays it
      Clean    remove out/, bin/ and obj/
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Mutate', 'Soak', 'Clean')]
    [string] $Task = 'Build',

    # Pester tests to run (a file or folder under tests/Pester); all by default.
    [string] $PesterPath = (Join-Path $PSScriptRoot 'tests/Pester'),

    # Bench: Module (scenarios a-e), Paging (f), Export (g: files), or all of them (the default).
    [ValidateSet('Module', 'Paging', 'Export')]
    [string[]] $Scenario = @('Module', 'Paging', 'Export'),

    # Mutate: folders of src/PortOne.Client to mutate (e.g. Checkpoints, Paging; '.' for the files at its root), or files
    # (Paging/ImpUidSet.cs); all by default.
    [string[]] $MutateFolder = @(),

    # Mutate: test processes Stryker runs at once (the machine is shared: 1 by default).
    [ValidateRange(1, 16)]
    [int] $MutateConcurrency = 1,

    # Soak: cases per property (Test runs 300).
    [ValidateRange(1, 1000000)]
    [int] $SoakCases = 5000
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$Version = (Import-PowerShellDataFile (Join-Path $Root 'PortOne.psd1')).ModuleVersion
$ModuleDir = Join-Path $Out "PortOne/$Version"

function Invoke-Native {
    # Runs a native command ($args: the command, then its arguments, passed as they are) and stops the build when it fails.
    $command, $arguments = $args
    & $command @arguments
    if ($LASTEXITCODE -ne 0) { throw "$command $($arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-ChildPwsh {
    # A fresh pwsh (the same pinned version that runs this script): tests and the demo import the built module there.
    & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive @args
}

function Invoke-Build {
    # Said before each slow step, so that a first build (a minute or two) is not a silent wait.
    Write-Host "Compiling PortOne.sln (Release): the module, the emulator and the tests (a minute or two)..."
    Invoke-Native dotnet build (Join-Path $Root 'PortOne.sln') -c Release --nologo '-v:q' "-p:Version=$Version" '-clp:NoSummary'
    if (Test-Path $ModuleDir) { Remove-Item $ModuleDir -Recurse -Force }
    $null = New-Item $ModuleDir -ItemType Directory -Force
    $bin = Join-Path $Root 'src/PortOne/bin/Release/netstandard2.0'
    Copy-Item (Join-Path $bin 'PortOne.dll'), (Join-Path $bin 'PortOne.Client.dll'), (Join-Path $bin 'PortOne.Format.ps1xml') $ModuleDir
    Copy-Item (Join-Path $Root 'PortOne.psd1'), (Join-Path $Root 'LICENSE') $ModuleDir
    # Windows PowerShell's copies of System.Text.Json and friends, kept apart so PowerShell 7 uses its own.
    $dependencies = New-Item (Join-Path $ModuleDir 'Dependencies') -ItemType Directory
    Get-ChildItem $bin -Filter *.dll | Where-Object Name -notin 'PortOne.dll', 'PortOne.Client.dll', 'System.Management.Automation.dll' |
        Copy-Item -Destination $dependencies
    $manifest = Join-Path $ModuleDir 'PortOne.psd1'
    $null = Test-ModuleManifest $manifest
    # Help: docs/ is the one source; the generator checks it against the cmdlets and writes en-US/ (MAML, about topic).
    # A child pwsh, because it imports PortOne.dll, which could not be unloaded from this one.
    Write-Host 'Checking docs/help against the compiled cmdlets and writing the help...'
    Invoke-ChildPwsh -File (Join-Path $Root 'tools/New-MamlHelp.ps1') -ModuleManifest $manifest -DocsPath (Join-Path $Root 'docs') -OutputPath $ModuleDir
    if ($LASTEXITCODE -ne 0) { throw "New-MamlHelp failed with exit code $LASTEXITCODE" }
    Write-Host "Module laid out in $ModuleDir"
}

function Get-XunitCount {
    # Adds up the counters of every TRX file the xUnit run wrote.
    param([string] $Folder)
    $passed = 0; $failed = 0
    foreach ($file in Get-ChildItem $Folder -Filter *.trx -Recurse -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun.ResultSummary.Counters
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Get-TreeStatus {
    # `git status --porcelain` of the repository, one line per untracked or changed file; $null outside a git work
    # tree (a source archive), where there is nothing to compare.
    if (-not (Get-Command git -CommandType Application -ErrorAction SilentlyContinue)) { return $null }
    $inside = & git -C $Root rev-parse --is-inside-work-tree 2>$null
    if ($LASTEXITCODE -ne 0 -or $inside -ne 'true') { return $null }
    , @(& git -C $Root status --porcelain --untracked-files=all)
}

function Invoke-Test {
    # Tests write only to out/ and temporary folders: a file a run leaves in the tree is a failure.
    $treeBefore = Get-TreeStatus
    Invoke-Build
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $null = New-Item $results -ItemType Directory

    Write-Host "`n== xUnit" -ForegroundColor Cyan
    & dotnet test (Join-Path $Root 'PortOne.sln') -c Release --no-build --nologo --logger 'trx' --logger 'console;verbosity=minimal' --results-directory (Join-Path $results 'xunit')
    $xunit = Get-XunitCount (Join-Path $results 'xunit')
    $xunitExit = $LASTEXITCODE

    Write-Host "`n== Pester" -ForegroundColor Cyan
    Invoke-Native dotnet restore (Join-Path $Root 'tests/PesterRestore/PesterRestore.csproj') --nologo '-v:q'
    $pesterJson = Join-Path $results 'pester.json'
    Invoke-ChildPwsh -File (Join-Path $Root 'tests/Invoke-PesterSuite.ps1') -ModuleManifest (Join-Path $ModuleDir 'PortOne.psd1') -Path $PesterPath -ResultFile $pesterJson
    $pester = if (Test-Path $pesterJson) { Get-Content $pesterJson -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1 } }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $failed++ }  # a crashed test host counts as a failure
    if ($null -ne $treeBefore) {
        $treeAfter = Get-TreeStatus
        $left = @($treeAfter | Where-Object { $_ -notin $treeBefore })
        if ($left.Count -gt 0) {
            $failed++
            Write-Host "The test run left files in the repository (tests must write under out/ or a temporary folder):" -ForegroundColor Red
            $left | ForEach-Object { Write-Host "  $_" -ForegroundColor Red }
        }
    }
    Write-Host "xUnit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Host "Tests: $passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Write-Host 'The demo builds the module and the emulator first, then runs the README''s recipes against the emulator.' -ForegroundColor Green
    Invoke-Build
    Invoke-ChildPwsh -File (Join-Path $Root 'tools/Demo.ps1') -ModuleManifest (Join-Path $ModuleDir 'PortOne.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Package {
    # Publishes the laid-out module to a local file repository, as it would go to a gallery.
    Invoke-Build
    $repository = Join-Path $Out 'repository'
    if (Test-Path $repository) { Remove-Item $repository -Recurse -Force }
    $null = New-Item $repository -ItemType Directory
    $name = 'PortOneBuild-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Register-PSResourceRepository -Name $name -Uri $repository -Trusted
    try { Publish-PSResource -Path $ModuleDir -Repository $name }
    finally { Unregister-PSResourceRepository -Name $name }
    Get-ChildItem $repository -Filter *.nupkg | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

function Invoke-Bench {
    Invoke-Build
    Invoke-Native dotnet build (Join-Path $Root 'bench/PortOne.Bench.Limit') -c Release --nologo '-v:q'
    Invoke-ChildPwsh -File (Join-Path $Root 'bench/Invoke-Bench.ps1') -ModuleManifest (Join-Path $ModuleDir 'PortOne.psd1') -Scenario ($Scenario -join ',')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Get-MutationScore {
    # Stryker's own score per folder from its JSON report (mutation-testing-elements schema): killed and timed out
    # over all valid mutants, uncovered ones counted as survived; compile errors and ignored mutants are not valid.
    param([string] $ReportFile, [string] $SourceRoot)
    $report = Get-Content -LiteralPath $ReportFile -Raw | ConvertFrom-Json -AsHashtable
    $rows = foreach ($entry in $report.files.GetEnumerator()) {
        $relative = [IO.Path]::GetRelativePath($SourceRoot, $entry.Key) -replace '\\', '/'
        $folder = if ($relative.Contains('/')) { $relative.Substring(0, $relative.LastIndexOf('/')) } else { '.' }
        foreach ($mutant in $entry.Value.mutants) { [pscustomobject]@{ Folder = $folder; File = $relative; Status = $mutant.status } }
    }
    $summarise = {
        param([string] $Name, $Mutants)
        $count = { param([string[]] $Statuses) @($Mutants | Where-Object Status -in $Statuses).Count }
        $detected = & $count 'Killed', 'Timeout'
        $undetected = & $count 'Survived', 'NoCoverage'
        $valid = $detected + $undetected
        [pscustomobject]@{
            Folder = $Name; Killed = & $count 'Killed'; Timeout = & $count 'Timeout'; Survived = & $count 'Survived'
            NoCoverage = & $count 'NoCoverage'; Valid = $valid
            Score = if ($valid) { [Math]::Round(100.0 * $detected / $valid, 2) } else { $null }
        }
    }
    foreach ($group in $rows | Group-Object Folder | Sort-Object Name) { & $summarise $group.Name $group.Group | Where-Object Valid }
    & $summarise '(all mutated)' $rows
}

function Invoke-Mutate {
    # Stryker.NET, pinned in dotnet-tools.json, mutates src/PortOne.Client and runs tests/PortOne.Client.Tests against
    # each mutant. Its output goes under out/mutation/ (never into the tree): a file per run, the JSON read back here.
    Invoke-Native dotnet tool restore
    $source = Join-Path $Root 'src/PortOne.Client'
    # `-MutateFolder Checkpoints,Paging` arrives as one string when build.ps1 is run with pwsh -File (dotnet pwsh ./build.ps1).
    $MutateFolder = @($MutateFolder | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
    $runName = if ($MutateFolder.Count) { ($MutateFolder | ForEach-Object { $_ -replace '[^\w.-]', '_' }) -join '+' } else { 'all' }
    $output = Join-Path $Out "mutation/$runName"
    if (Test-Path $output) { Remove-Item $output -Recurse -Force }
    $arguments = @('dotnet-stryker', '--project', 'PortOne.Client.csproj', '--test-project', (Join-Path $Root 'tests/PortOne.Client.Tests/PortOne.Client.Tests.csproj'),
        '--configuration', 'Release', '--concurrency', "$MutateConcurrency", '--reporter', 'Json', '--reporter', 'Html', '--reporter', 'Progress',
        '--output', $output, '--skip-version-check')
    # Without a folder, every file; a folder is a glob under the project (Stryker matches paths relative to it).
    foreach ($folder in $MutateFolder) {
        $glob = if ($folder -eq '.') { '*.cs' } elseif ($folder -like '*.cs') { $folder } else { "$($folder.Trim('/'))/**/*.cs" }
        # One token: PowerShell on Linux expands a bare *.cs argument against the current folder.
        $arguments += "--mutate=$glob"
    }
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Push-Location (Join-Path $Root 'tests/PortOne.Client.Tests')
    try { Invoke-Native dotnet @arguments }
    finally { Pop-Location }
    $report = Get-ChildItem (Join-Path $output 'reports') -Filter 'mutation-report.json' -Recurse | Select-Object -First 1
    if (-not $report) { throw "Stryker wrote no JSON report under $output" }
    Write-Host "`n== Mutation score per folder of src/PortOne.Client (Stryker's: killed + timed out over valid mutants; uncovered count as survived)" -ForegroundColor Cyan
    Get-MutationScore -ReportFile $report.FullName -SourceRoot $source | Format-Table -AutoSize | Out-Host
    Write-Host ("Mutation run took {0:n1} min; report: {1}" -f $watch.Elapsed.TotalMinutes, (Join-Path $output 'reports'))
}

function Invoke-Soak {
    # CsCheck_Iter is CsCheck's own setting; the properties read it. CsCheck_Seed=<seed> replays a failure.
    Invoke-Native dotnet build (Join-Path $Root 'tests/PortOne.Client.Tests') -c Release --nologo '-v:q' '-clp:NoSummary'
    $env:CsCheck_Iter = "$SoakCases"
    try {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Invoke-Native dotnet test (Join-Path $Root 'tests/PortOne.Client.Tests') -c Release --no-build --nologo `
            --filter 'FullyQualifiedName~ReaderContractTests|FullyQualifiedName~CheckpointModelTests' --logger 'console;verbosity=normal'
        Write-Host ("Soak: {0:N0} cases per property in {1:n1} min" -f $SoakCases, $watch.Elapsed.TotalMinutes)
    }
    finally { Remove-Item Env:CsCheck_Iter }
}

function Invoke-Clean {
    foreach ($dir in @($Out) + @(Get-ChildItem $Root -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
        if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Mutate' { Invoke-Mutate }
    'Soak' { Invoke-Soak }
    'Clean' { Invoke-Clean }
}
