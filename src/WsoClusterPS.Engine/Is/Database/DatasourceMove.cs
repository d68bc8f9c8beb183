namespace WsoClusterPS.Engine.Is.Database
{
    /// <summary>Why Set-IsDatabase moves a datasource to the cluster's database, or leaves it where it is.</summary>
    public enum DatasourceMove
    {
        /// <summary>On the embedded H2, which every node keeps its own copy of: moved.</summary>
        FromEmbedded,

        /// <summary>On the server identity_db and shared_db used (or already on the new one): moved with them.</summary>
        WithTheOthers,

        /// <summary>Named with -Datasource: moved wherever it was.</summary>
        Named,

        /// <summary>On another server (a JDBC user store on SQL Server, say): kept, its users would be lost.</summary>
        KeptOnItsServer,

        /// <summary>Written with $env{…} or $sys{…}: the admin's own wiring, kept.</summary>
        KeptPlaceholder,

        /// <summary>Not a datasource the cluster shares (no catalogue entry): left as it is.</summary>
        NotShared,
    }
}
