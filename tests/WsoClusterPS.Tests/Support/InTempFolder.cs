namespace WsoClusterPS.Tests.Support;

/// <summary>A test class whose every test gets a fresh temp folder, removed afterwards.</summary>
public abstract class InTempFolder : IDisposable
{
    protected TempFolder Temp { get; } = new();

    public virtual void Dispose() => Temp.Dispose();
}
