namespace WsoClusterPS.Engine.Is.Nodes
{
    /// <summary>The ports an IS node listens on: the stock ports shifted by <c>[server] offset</c>.</summary>
    public static class IsPorts
    {
        public const int StockHttps = 9443;
        public const int StockHttp = 9763;

        /// <summary>Hazelcast's stock member port. WSO2 does not shift it by the offset.</summary>
        public const int StockCluster = 4000;

        public static int Https(int offset) => StockHttps + offset;
        public static int Http(int offset) => StockHttp + offset;

        /// <summary>
        /// The cluster port the module picks when none is given: shifted by the offset like the
        /// others, so two nodes on one machine with offsets 0 and 1 do not collide.
        /// </summary>
        public static int DefaultCluster(int offset) => StockCluster + offset;
    }
}
