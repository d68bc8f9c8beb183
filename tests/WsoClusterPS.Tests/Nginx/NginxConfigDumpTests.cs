using WsoClusterPS.Engine.Nginx;

namespace WsoClusterPS.Tests.Nginx;

public class NginxConfigDumpTests
{
    private const string Version = "nginx version: nginx/1.22.1\nconfigure arguments: --prefix=/usr/share/nginx --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log --pid-path=/run/nginx.pid\n";

    [Fact]
    public void The_main_files_pid_and_error_log_win_over_the_compiled_defaults()
    {
        const string dump = "nginx: the configuration file /t/nginx.conf syntax is ok\n# configuration file /t/nginx.conf:\n" +
                            "worker_processes 1; # error_log /commented.log;\npid logs/nginx.pid;\nerror_log \"/t/logs/error.log\" warn;\n" +
                            "http {\n  error_log /t/logs/http.log;\n  server { listen 80; }\n}\n\n# configuration file /t/conf.d/a.conf:\nerror_log /elsewhere.log;\n";
        var dumped = NginxConfigDump.Parse(dump, Version, "/t");
        Assert.Equal("/t/logs/nginx.pid", dumped.PidPath);
        Assert.Equal("/t/logs/error.log", dumped.ErrorLogPath);
    }

    [Fact]
    public void Without_directives_the_compiled_defaults_apply()
    {
        var dumped = NginxConfigDump.Parse("# configuration file /etc/nginx/nginx.conf:\nuser www-data;\nevents {}\n", Version, null);
        Assert.Equal("/run/nginx.pid", dumped.PidPath);
        Assert.Equal("/var/log/nginx/error.log", dumped.ErrorLogPath);
    }

    [Fact]
    public void An_error_log_on_stderr_cannot_be_read()
    {
        Assert.Null(NginxConfigDump.Parse("# configuration file /x.conf:\nerror_log stderr;\n", Version, null).ErrorLogPath);
    }
}

public class NginxMessagesTests
{
    [Fact]
    public void Log_lines_are_quoted_without_their_timestamp_and_pid()
    {
        const string output = "2026/11/27 03:19:30 [emerg] 15012#15012: cannot load certificate \"/x.crt\": PEM_read_bio_X509_AUX() failed\nnginx: configuration file /t/nginx.conf test failed\n";
        Assert.Equal("[emerg] cannot load certificate \"/x.crt\": PEM_read_bio_X509_AUX() failed", NginxMessages.Quote(output));
    }

    [Fact]
    public void Problem_lines_in_nginx_own_form_are_kept_as_they_are()
    {
        Assert.Equal("nginx: [emerg] invalid PID number \"\" in \"/run/nginx.pid\"",
                     NginxMessages.Quote("nginx: [emerg] invalid PID number \"\" in \"/run/nginx.pid\"\n"));
    }

    [Fact]
    public void Output_without_a_problem_line_is_quoted_whole()
    {
        Assert.Equal("Job for nginx.service failed. See journalctl -xeu nginx.service.", NginxMessages.Quote("Job for nginx.service failed.\nSee journalctl -xeu nginx.service.\n"));
    }
}
