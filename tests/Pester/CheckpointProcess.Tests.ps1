# The checkpoint's lock and its atomic save across processes, and Ctrl+C in the middle of a checkpointed stream:
# what a scheduled job meets when another run, a crash or a full or read-only disk gets in the way.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    Import-Module $env:PORTONE_TEST_MODULE -Force
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '3000', '--seed', '17', '--span-days', '20'
    Connect-PortOne -Credential $emu.Credential -ApiBaseUri $emu.BaseUri -MaxRetries 1
    $script:quick = @{ SettleLag = '00:00:01'; Overlap = '00:00:04' }
    function script:Unix($Time) { ([DateTimeOffset]$Time).ToUnixTimeSeconds() }
    function script:InFlightPages { @(Invoke-EmulatorControl $emu 'requests/inflight' | ForEach-Object { $_ } | Where-Object path -like '/payments/*') }

    function script:New-Checkpoint([string] $Path, [datetime] $From) {
        # A checkpoint whose next run has the time since -From to read (a first run from now writes nothing).
        $null = Get-PortOnePayment -Checkpoint $Path -NewCheckpoint -From (Get-Date) @quick
        $json = Get-Content $Path -Raw | ConvertFrom-Json -DateKind String
        $at = [DateTimeOffset]::new($From).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
        foreach ($name in 'start', 'readFrom', 'end', 'keysFrom') { $json.$name = $at }
        $json | ConvertTo-Json -Depth 5 | Set-Content $Path
    }

    function script:Set-FolderReadOnly([string] $Folder) {
        # chmod a-w stops a normal account; root ignores it (tests run as root in CI), so there the folder is made
        # immutable (chattr +i), which stops root too. Returns how, for the log.
        if ((id -u) -ne '0') { chmod a-w $Folder; return 'chmod a-w' }
        chattr +i $Folder
        if ($LASTEXITCODE -ne 0) { throw "chattr +i $Folder failed: this file system cannot make a folder read-only for root" }
        'chattr +i'
    }

    function script:Clear-FolderReadOnly([string] $Folder) {
        if ((id -u) -ne '0') { chmod u+w $Folder } else { chattr -i $Folder }
    }

    function script:Start-ChildPwsh([string] $Script) {
        # Another pwsh process (the pinned one), as a second scheduled job would be; its output is drained.
        $info = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        foreach ($a in (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command', $Script) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.UseShellExecute = $false
        $info.Environment['PORTONE_IMP_KEY'] = $emu.ImpKey
        $info.Environment['PORTONE_IMP_SECRET'] = $emu.ImpSecret
        $info.Environment['PORTONE_API_BASE_URI'] = $emu.BaseUri
        $process = [System.Diagnostics.Process]::Start($info)
        $null = $process.StandardOutput.ReadToEndAsync(); $null = $process.StandardError.ReadToEndAsync()
        $process
    }
}
AfterAll {
    Disconnect-PortOne
    $emu | Stop-PortOneEmulator
}

Describe 'The lock across processes' {
    AfterEach { Set-EmulatorFault $emu @{} }

    It 'refuses a run while another pwsh holds the lock, and frees it when that pwsh is killed (SIGKILL), checkpoint untouched' {
        $cp = Join-Path $TestDrive 'held.checkpoint'
        New-Checkpoint $cp (Get-Date).AddDays(-2)
        $hash = (Get-FileHash $cp).Hash
        Set-EmulatorFault $emu @{ stallMs = 3600000 }
        $holder = Start-ChildPwsh "Import-Module '$env:PORTONE_TEST_MODULE'; Get-PortOnePayment -Checkpoint '$cp' -SettleLag 00:00:01 | Out-Null"
        try {
            # The event: the other process has taken the lock and its first page is stalled in the emulator.
            Wait-Until { (InFlightPages).Count -gt 0 } -Because 'the other pwsh to read'
            Reset-EmulatorRequest $emu
            $err = { Get-PortOnePayment -Checkpoint $cp @quick } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'PortOne.CheckpointLocked,PortOne.Commands.GetPortOnePaymentCommand'
            @(Get-EmulatorRequest $emu -PathLike '/payments/*') | Should -BeNullOrEmpty -Because 'a locked-out run reads nothing'

            # SIGKILL: no finally block, no Dispose runs in the holder; the operating system drops its lock.
            $holder.Kill()
            $holder.WaitForExit()
        } finally {
            if (-not $holder.HasExited) { $holder.Kill(); $holder.WaitForExit() }
            $holder.Dispose()
            Set-EmulatorFault $emu @{}
        }
        (Get-FileHash $cp).Hash | Should -Be $hash -Because 'the killed run never committed'
        $written = @(Get-PortOnePayment -Checkpoint $cp @quick)
        $written.Count | Should -BeGreaterThan 0
        (Get-FileHash $cp).Hash | Should -Not -Be $hash
    }
}

Describe 'The atomic save' {
    It 'replaces a stale temporary file that a crashed save left, and saves a whole checkpoint' {
        $cp = Join-Path $TestDrive 'stale.checkpoint'
        New-Checkpoint $cp (Get-Date).AddDays(-1)
        Set-Content "$cp.tmp" '{ "format": "PortOne.Checkpoint", "version": 1, "status": "all", "sta'   # cut mid-write
        $before = Get-Content $cp -Raw | ConvertFrom-Json -DateKind String
        $null = Get-PortOnePayment -Checkpoint $cp @quick
        "$cp.tmp" | Should -Not -Exist
        $after = Get-Content $cp -Raw | ConvertFrom-Json -DateKind String
        $after.format | Should -Be 'PortOne.Checkpoint'
        $after.end | Should -Not -Be $before.end -Because 'the run moved the checkpoint'
    }

    It 'fails with CheckpointUnavailable when the folder turns read-only before the commit, leaving the file byte-identical' {
        $folder = New-Item (Join-Path $TestDrive "ro-$([guid]::NewGuid().ToString('n'))") -ItemType Directory
        $cp = Join-Path $folder 'ledger.checkpoint'
        New-Checkpoint $cp (Get-Date).AddDays(-1)
        $bytes = [IO.File]::ReadAllBytes($cp)
        $locked = $false
        $thrown = $null
        try {
            # Read-only while the run reads, after it took the lock and loaded the checkpoint: the save is what fails.
            Get-PortOnePayment -Checkpoint $cp @quick -ErrorAction Stop | ForEach-Object -Process {
                if (-not $locked) { $script:how = Set-FolderReadOnly $folder.FullName; $locked = $true }
            }
        } catch { $thrown = $_ }
        finally { Clear-FolderReadOnly $folder.FullName }
        $locked | Should -BeTrue -Because 'the run wrote payments before its commit'
        Write-Host "  read-only by: $how"
        $thrown.FullyQualifiedErrorId | Should -Be 'PortOne.CheckpointUnavailable,PortOne.Commands.GetPortOnePaymentCommand'
        $thrown.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        [IO.File]::ReadAllBytes($cp) | Should -Be $bytes
    }
}

Describe 'Ctrl+C in the middle of a checkpointed stream' {
    It 'leaves the checkpoint as it was, releases the lock, and sends no request after the stop' {
        $cp = Join-Path $TestDrive 'stopped.checkpoint'
        New-Checkpoint $cp (Get-Date).AddDays(-5)
        $bytes = [IO.File]::ReadAllBytes($cp)
        Set-EmulatorFault $emu @{ latencyMs = 50 }
        Reset-EmulatorRequest $emu
        $signal = [System.Threading.ManualResetEventSlim]::new($false)
        $ps = [powershell]::Create()
        try {
            # Small pages, so the stream is mid-way when 25 payments went down the pipeline: that is the signal.
            $null = $ps.AddScript("param(`$c, `$signal) Import-Module '$env:PORTONE_TEST_MODULE'; Connect-PortOne -Credential `$c -ApiBaseUri '$($emu.BaseUri)'; `$n = 0
                Get-PortOnePayment -Checkpoint '$cp' -SettleLag 00:00:01 -PageSize 5 -ThrottleLimit 2 | ForEach-Object { if (++`$n -eq 25) { `$signal.Set() } }").AddArgument($emu.Credential).AddArgument($signal)
            $async = $ps.BeginInvoke()
            $signal.Wait([TimeSpan]::FromSeconds(120)) | Should -BeTrue -Because '25 payments were written'
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30)) | Should -BeTrue -Because 'Ctrl+C ends the stream'
            $ps.EndStop($stop)
            $stoppedAt = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        } finally {
            Set-EmulatorFault $emu @{}
            $ps.Dispose(); $signal.Dispose()
        }
        [IO.File]::ReadAllBytes($cp) | Should -Be $bytes
        # Requests under way at the stop are abandoned; none starts after it.
        Wait-Until { (InFlightPages).Count -eq 0 } -Because 'the abandoned requests to end'
        $pages = @(Get-EmulatorRequest $emu -PathLike '/payments/*')
        $pages.Count | Should -BeGreaterThan 5 -Because 'the stream was mid-way'
        @($pages | Where-Object at -GT $stoppedAt) | Should -BeNullOrEmpty
        # The lock went with the stopped run: open it exclusively, as the next run would.
        $handle = [IO.File]::Open("$cp.lock", 'OpenOrCreate', 'ReadWrite', 'None')
        $handle.Dispose()
        $more = @(Get-PortOnePayment -Checkpoint $cp @quick)
        $more.Count | Should -BeGreaterThan 25 -Because 'the next run reads the same time again'
    }
}
