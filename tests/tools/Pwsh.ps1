# How to start a fresh pwsh like this one, for build.ps1, the test runner and the Pester helpers.
# The PowerShell .NET tool runs as `dotnet pwsh.dll`, so the process path alone is not enough.
$script:PwshCommand = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
    @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'))
} else { @([Environment]::ProcessPath) }

# Runs a command in a new pwsh (no profile, never interactive); its output goes to this one's
# pipeline and $LASTEXITCODE is its exit code.
function Invoke-Pwsh([string] $Command) {
    & $PwshCommand[0] @($PwshCommand | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Command
}

# Runs a program and stops with its exit code when it fails: a failed step never passes silently.
function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}
