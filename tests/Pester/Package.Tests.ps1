# Installing PortOne as a user would, from a local file repository, in a fresh pwsh with a home of its own
# (so the test neither sees nor changes the machine's modules and repositories).
BeforeAll {
    Import-Module $env:PORTONE_TEST_SUPPORT -Force
    $script:emu = Start-PortOneEmulator -ArgumentList '--payments', '500'
    $script:moduleDir = Split-Path $env:PORTONE_TEST_MODULE

    function script:Invoke-IsolatedPwsh([string] $script) {
        $home_ = Join-Path $TestDrive ('home-' + [guid]::NewGuid().ToString('N'))
        # .config as a real home has: .NET answers "" for a missing one, and NuGet (under Publish-PSResource) then
        # wrote NuGet/NuGet.Config relative to the working directory, which was the repository.
        $null = New-Item (Join-Path $home_ '.config') -ItemType Directory
        $file = Join-Path $TestDrive 'script.ps1'
        Set-Content $file $script
        $saved = $env:HOME
        Push-Location $home_
        try {
            $env:HOME = $home_
            $output = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $file 2>&1
            [pscustomobject]@{ Output = @($output | ForEach-Object { "$_" }); ExitCode = $LASTEXITCODE; Home = $home_ }
        } finally { $env:HOME = $saved; Pop-Location }
    }
}
AfterAll { $emu | Stop-PortOneEmulator }

Describe 'Install from a PowerShell repository' {
    It 'installs with <Installer>, imports by name and queries the emulator' -ForEach @(
        @{ Installer = 'Install-PSResource'; Register = 'Register-PSResourceRepository -Name Local -Uri $repo -Trusted'; Install = 'Install-PSResource PortOne -Repository Local -Scope CurrentUser' }
        @{ Installer = 'Install-Module'; Register = 'Register-PSResourceRepository -Name Pub -Uri $repo -Trusted; Register-PSRepository -Name Local -SourceLocation $repo -InstallationPolicy Trusted'; Install = 'Install-Module PortOne -Repository Local -Scope CurrentUser' }
    ) {
        $repo = Join-Path $TestDrive "repo-$Installer"
        $result = Invoke-IsolatedPwsh @"
`$ErrorActionPreference = 'Stop'
`$repo = '$repo'
`$null = New-Item `$repo -ItemType Directory -Force
$Register
Publish-PSResource -Path '$moduleDir' -Repository $(if ($Installer -eq 'Install-Module') { 'Pub' } else { 'Local' })
$Install
Import-Module PortOne
'module=' + (Get-Module PortOne).ModuleBase
`$cred = [pscredential]::new('$($emu.ImpKey)', (ConvertTo-SecureString '$($emu.ImpSecret)' -AsPlainText -Force))
Connect-PortOne -Credential `$cred -ApiBaseUri '$($emu.BaseUri)'
'payments=' + @(Get-PortOnePayment -First 3).Count
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output | Should -Contain 'payments=3'
        ($result.Output | Where-Object { $_ -like 'module=*' }) | Should -BeLike "module=$($result.Home)*PortOne*0.1.0"
        Get-ChildItem $repo -Filter 'PortOne.*.nupkg' | Should -Not -BeNullOrEmpty
    }
}

Describe 'Assemblies on PowerShell 7' {
    It 'uses the runtime''s System.Text.Json and loads nothing twice' {
        $result = Invoke-IsolatedPwsh @"
Import-Module '$env:PORTONE_TEST_MODULE'
`$cred = [pscredential]::new('$($emu.ImpKey)', (ConvertTo-SecureString '$($emu.ImpSecret)' -AsPlainText -Force))
Connect-PortOne -Credential `$cred -ApiBaseUri '$($emu.BaseUri)'
`$null = Get-PortOnePayment -First 3
`$loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { -not `$_.IsDynamic }
'stj=' + ((`$loaded | Where-Object { `$_.GetName().Name -eq 'System.Text.Json' }).Location -join '|')
'dupes=' + ((`$loaded | Group-Object { `$_.GetName().Name } | Where-Object Count -gt 1).Name -join ',')
'fromDependencies=' + @(`$loaded | Where-Object Location -like '*Dependencies*').Count
"@
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $stj = ($result.Output | Where-Object { $_ -like 'stj=*' }).Substring(4)
        $stj | Should -Not -Match '\|'
        $stj | Should -BeLike "$([System.IO.Path]::GetDirectoryName([object].Assembly.Location))*"
        $result.Output | Should -Contain 'dupes='
        $result.Output | Should -Contain 'fromDependencies=0'
    }
}
