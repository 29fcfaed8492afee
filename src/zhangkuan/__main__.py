from zhangkuan.cli.main import run

run()
