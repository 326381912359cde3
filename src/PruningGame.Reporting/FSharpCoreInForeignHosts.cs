using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace PruningGame.Reporting;

/// <summary>
/// Keeps Plotly.NET on one FSharp.Core in a host that loaded an older one before us. The .NET Interactive kernel
/// (1.0.712001) runs on FSharp.Core 10.0; Plotly.NET 6 asks for 10.1, which that host cannot bind, so its script loader
/// loads our 10.1 beside it while Giraffe.ViewEngine (asking for 5.0) gets the host's 10.0, and the first chart fails with
/// a MissingMethodException between the two. The host's own resolver sees the request first; answering it with the
/// FSharp.Core already loaded puts every library on the same one. In the workbench's own process FSharp.Core 10.1 comes
/// from its deps file, the request never fails, and this is never asked.
/// </summary>
public static class FSharpCoreInForeignHosts
{
    private static int installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 0) AssemblyLoadContext.Default.Resolving += UseLoadedFSharpCore;
    }

#pragma warning disable CA2255   // a library module initializer is the point: it must run before Plotly.NET binds FSharp.Core
    [ModuleInitializer]
    internal static void OnAssemblyLoad() => Install();
#pragma warning restore CA2255

    private static Assembly? UseLoadedFSharpCore(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == "FSharp.Core" ? context.Assemblies.FirstOrDefault(a => a.GetName().Name == "FSharp.Core") : null;
}
