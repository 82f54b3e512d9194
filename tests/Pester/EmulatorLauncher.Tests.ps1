# The emulator launcher as a user meets it in a terminal: Ctrl+C stops the command they typed, not the emulator the
# launcher started; the emulator stops when asked, or with the pwsh that started it.
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force

    function script:Get-ProcessGroup([int] $Id) {
        # Linux /proc/<pid>/stat: the fields after the command name's closing parenthesis are state, ppid, pgrp, session.
        $stat = Get-Content "/proc/$Id/stat" -Raw
        $fields = $stat.Substring($stat.LastIndexOf(')') + 2) -split ' '
        [pscustomobject]@{ Group = [int]$fields[2]; Session = [int]$fields[3] }
    }

    function script:Test-Answers([string] $BaseUri) {
        try { $null = Invoke-WebRequest ($BaseUri + '__emulator/requests') -TimeoutSec 5; $true } catch { $false }
    }

    function script:Wait-Exit([int] $Id, [int] $Seconds) {
        $process = Get-Process -Id $Id -ErrorAction Ignore
        if ($process) { $null = $process.WaitForExit($Seconds * 1000) }
        -not (Get-Process -Id $Id -ErrorAction Ignore)
    }
}

Describe 'Start-PortOneEmulator' {
    It 'starts the emulator in a process group of its own, so the terminal''s Ctrl+C does not reach it' -Skip:(-not $IsLinux) {
        $emu = Start-PortOneEmulator -ArgumentList '--payments', '50'
        try {
            $emulator = Get-ProcessGroup $emu.Process.Id
            $me = Get-ProcessGroup $PID
            $emulator.Group | Should -Not -Be $me.Group
            $emulator.Session | Should -Not -Be $me.Session
        }
        finally { $emu | Stop-PortOneEmulator }
    }

    It 'stops when Stop-PortOneEmulator asks' {
        $emu = Start-PortOneEmulator -ArgumentList '--payments', '50'
        $id = $emu.Process.Id
        Test-Answers $emu.BaseUri | Should -BeTrue
        $emu | Stop-PortOneEmulator
        Wait-Exit $id 10 | Should -BeTrue
    }

    It 'survives Ctrl+C in the terminal that started it, and stops when that pwsh exits' -Skip:(-not $IsLinux) {
        # A pwsh in a session of its own stands for the user's terminal: SIGINT to its whole process group is what
        # the terminal sends on Ctrl+C. It starts the emulator with the launcher, then sleeps; Ctrl+C stops the sleep,
        # and its finally block keeps that pwsh alive a few seconds more, the time to see whether the emulator lived.
        $script = Join-Path $TestDrive 'terminal.ps1'
        @'
param($Launcher)
Import-Module $Launcher
$emu = Start-PortOneEmulator -ArgumentList '--payments', '50'
[Console]::Out.WriteLine("$PID $($emu.Process.Id) $($emu.BaseUri)")
try { Start-Sleep -Seconds 60 } finally { [System.Threading.Thread]::Sleep(4000) }
'@ | Set-Content $script
        # A suite started in the background of a shell without job control inherits SIGINT ignored, and would hand
        # that to the terminal's pwsh: env restores the default where it can (coreutils 8.31 or later).
        & env --default-signal=INT true 2>$null
        $restoreInt = if ($LASTEXITCODE -eq 0) { @('env', '--default-signal=INT') } else { @() }
        $info = [System.Diagnostics.ProcessStartInfo]::new('setsid')
        foreach ($a in $restoreInt + @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', $script, $env:PORTONE_TEST_SUPPORT)) {
            $info.ArgumentList.Add($a)
        }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardInput = $true
        $info.UseShellExecute = $false
        $terminal = [System.Diagnostics.Process]::Start($info)
        try {
            $line = $terminal.StandardOutput.ReadLineAsync()
            $line.Wait([TimeSpan]::FromSeconds(60)) | Should -BeTrue -Because 'the pwsh standing for the terminal starts the emulator'
            $terminalId, $emulatorId, $baseUri = $line.Result -split ' '
            Test-Answers $baseUri | Should -BeTrue

            & kill -INT -- "-$terminalId"
            Start-Sleep -Milliseconds 1000
            $terminal.HasExited | Should -BeFalse -Because 'the terminal''s pwsh runs its finally block'
            Test-Answers $baseUri | Should -BeTrue -Because 'Ctrl+C stops the command, not the emulator'

            $terminal.WaitForExit(20000) | Should -BeTrue
            Wait-Exit $emulatorId 10 | Should -BeTrue -Because 'the emulator stops with the pwsh that started it'
        }
        finally {
            if (-not $terminal.HasExited) { $terminal.Kill($true) }
            if ($emulatorId) { Stop-Process -Id $emulatorId -Force -ErrorAction Ignore }
            $terminal.Dispose()
        }
    }
}
